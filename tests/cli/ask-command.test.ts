import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLineError, runCli } from '../support/run-cli.js';

describe('policy-desk ask --json', () => {
  it('answers with the JSON contract: the deciding clause quoted verbatim with its section', () => {
    const run = runCli(['ask', '--council', 'dacorum', '--json', 'can I post photos of residents?']);
    expect(run.status).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer).toMatchObject({ question: 'can I post photos of residents?', council: 'dacorum', abstained: false });
    expect(typeof answer.verdict).toBe('string');
    expect(answer.confidence).toBeGreaterThan(0);
    expect(answer.confidence).toBeLessThanOrEqual(1);
    expect(answer.answers[0]).toMatchObject({ section: '2.2(d)', heading: '2.2 Social media: business use vs personal use' });
    expect(answer.answers[0].text).toContain('written consent must be obtained if posting photographs of residents');
    expect(answer.answers.length).toBeLessThanOrEqual(3);
    expect(answer.contact).toContain('communications@dacorum.gov.uk');
  });

  it('declines a question the policy does not cover and names the communications contact', () => {
    const run = runCli(['ask', '--council', 'cannock', '--json', 'how do i book annual leave for next friday']);
    const answer = JSON.parse(run.stdout);
    expect(answer.abstained).toBe(true);
    expect(answer.answers).toEqual([]);
    expect(answer.contact).toContain('Policy and Communications');
  });

  it('reads one question per line with -, writing one object per line in order; bad lines get an error and the run goes on', () => {
    const input = Buffer.concat([
      Buffer.from('can i be facebook friends with a client\n\n'),
      Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0a]),
      Buffer.from(`${'why '.repeat(600)}\nsomeone keeps sending me threats on twitter\n`),
    ]);
    const run = runCli(['ask', '--council', 'cannock', '--role', 'member', '--json', '-'], { input });
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(lines[0].question).toBe('can i be facebook friends with a client');
    expect(lines[0].error).toBeUndefined();
    expect(lines[1].error).toBe('the question is empty');
    expect(lines[2].error).toContain('binary');
    expect(lines[3].error).toContain('limit is 2000');
    expect(lines[4].answers[0].section).toBe('C 2.15');
  });
});

describe('policy-desk ask, bad input', () => {
  it.each([
    ['an unknown council', ['ask', '--council', 'atlantis', 'can i tweet'], /unknown council "atlantis" \(known: cannock, chiltern, dacorum, wouldham\)/],
    ['an empty question', ['ask', '--council', 'dacorum', ''], /the question is empty/],
    ['a question over 2,000 characters', ['ask', '--council', 'dacorum', 'a'.repeat(2001)], /limit is 2000/],
    ['binary garbage', ['ask', '--council', 'dacorum', 'tweet\u0001\u0002about it'], /binary or unreadable/],
    ['an unknown role', ['ask', '--council', 'dacorum', '--role', 'mayor', 'can i tweet'], /--role must be employee or member/],
    ['no council', ['ask', 'can i tweet'], /--council is required/],
    ['no question', ['ask', '--council', 'dacorum'], /no question given/],
    ['an unquoted question', ['ask', '--council', 'dacorum', 'can', 'i', 'tweet'], /one quoted argument/],
    ['an unknown option', ['ask', '--council', 'dacorum', '--colour', 'red', 'can i tweet'], /Unknown option '--colour'/],
    ['an unknown command', ['teleport'], /unknown command "teleport"/],
  ])('%s exits 2 with one line on stderr', (_case, args, message) => {
    expectOneLineError(runCli(args as string[]), message);
  });

  it('rejects an unknown council before reading stdin', () => {
    expectOneLineError(runCli(['ask', '--council', 'atlantis', '--json', '-'], { input: 'can i tweet\n' }), /unknown council/);
  });
});

describe('unanswered questions', () => {
  it('are kept in SQLite and listed for review', () => {
    const database = join(mkdtempSync(join(tmpdir(), 'policy-desk-db-')), 'review.sqlite');
    const env = { POLICY_DESK_DB: database };
    runCli(['ask', '--council', 'chiltern', 'what is the wifi password in the annexe'], { env });
    runCli(['ask', '--council', 'chiltern', 'can i post pics of a colleague on fb without asking'], { env });
    const listed = runCli(['unanswered', '--council', 'chiltern'], { env });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('what is the wifi password in the annexe');
    expect(listed.stdout).not.toContain('pics of a colleague');
  });
});
