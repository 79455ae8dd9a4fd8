import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { DACORUM_ANSWERS } from '../support/dacorum-answers.js';

describe('policy-desk requests and chat from the command line', () => {
  const env = { POLICY_DESK_DB: join(mkdtempSync(join(tmpdir(), 'policy-desk-requests-')), 'admin.sqlite') };
  const script = ['we want an Instagram account for the countryside service', ...DACORUM_ANSWERS.map(([, answer]) => answer), '/press 1', '/as helen', '/press 2', 'Not this year.'];

  it('lists, shows and exports the business cases a chat created', () => {
    expect(runCli(['chat', '--council', 'dacorum'], { input: `${script.join('\n')}\n`, env }).status).toBe(0);

    const list = runCli(['requests', 'list', '--council', 'dacorum'], { env });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^BC-2026-0001 {2}dacorum {2}rejected/m);

    const show = runCli(['requests', 'show', 'BC-2026-0001'], { env }).stdout;
    expect(show).toContain('platform: Instagram');
    expect(show).toMatch(/round 1 stage 1 {2}service-group-manager {2}Helen Carter {2}rejected .*"Not this year\."/);
    expect(show.split('audit trail:')[1]?.match(/(draft-started|submitted|rejected)/g)).toEqual(['draft-started', 'submitted', 'rejected']);

    const csv = runCli(['requests', 'export', '--format', 'csv'], { env }).stdout.trim().split('\n');
    expect(csv[0]).toBe('id,council,status,round,stage,requester,created_at,submitted_at,closed_at,answers,decisions');
    expect(csv[1]).toMatch(/^BC-2026-0001,dacorum,rejected,1,1,Robin Ashdown,/);
    const json = JSON.parse(runCli(['requests', 'export', '--format', 'json'], { env }).stdout) as { decisions: { comment: string }[] }[];
    expect(json[0]?.decisions[0]?.comment).toBe('Not this year.');
  });

  it.each([
    [['requests'], 'no requests command given'],
    [['requests', 'export'], 'export needs --format csv or --format json'],
    [['requests', 'list', '--status', 'pending'], '--status must be one of'],
    [['requests', 'show', 'BC-1999-0001'], 'no request "BC-1999-0001"'],
    [['chat'], '--council is required'],
    [['chat', '--council', 'atlantis'], 'unknown council "atlantis"'],
  ])('%j gets one line and exit code 2', (args, message) => {
    const run = runCli(args, { input: '' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n').filter((line) => !line.includes('demo role directory'))).toEqual([expect.stringContaining(message)]);
  });
});
