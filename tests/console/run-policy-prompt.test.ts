import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { PolicyAnswer } from '../../src/answers/compose-answer.js';
import { createPolicyAnswerer } from '../../src/answers/create-policy-answerer.js';
import { runPolicyPrompt } from '../../src/console/run-policy-prompt.js';
import { loadPolicyLibrary } from '../../src/policies/load-policy-library.js';
import { shippedPolicies } from '../support/make-policies-folder.js';

const library = loadPolicyLibrary(shippedPolicies);
const answerer = createPolicyAnswerer(library, () => new Date('2026-11-22T10:00:00Z'));
const councilNames = new Map([...library.packs.values()].map((pack) => [pack.councilId, pack.councilName]));

async function converse(lines: string[]): Promise<{ transcript: string; unanswered: PolicyAnswer[] }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let transcript = '';
  output.on('data', (chunk: Buffer) => (transcript += chunk.toString()));
  const collapse = (text: string) => text.replace(/\s+/g, ' ');
  const unanswered: PolicyAnswer[] = [];
  input.end(lines.map((line) => `${line}\n`).join(''));
  await runPolicyPrompt({ answerer, councilNames, input, output, onUnanswered: (answer) => unanswered.push(answer) });
  // The terminal wraps long lines; compare text with whitespace collapsed.
  return { transcript: collapse(transcript), unanswered };
}

describe('the terminal prompt', () => {
  it('picks a council by number, answers with the quoted clause, and quits', async () => {
    const { transcript } = await converse(['3', 'e', 'can I post photos of residents?', 'quit']);
    expect(transcript).toContain('3) Dacorum Borough Council [dacorum]');
    expect(transcript).toContain('Section 2.2(d)');
    expect(transcript).toContain('written consent must be obtained if posting photographs of residents');
    expect(transcript).toContain('Who to ask: Communications team (communications@dacorum.gov.uk)');
  });

  it.each([
    ['an unknown council is asked again', ['9', 'atlantis', 'wouldham', '', 'quit'], 'Please type a number from 1 to 4'],
    ['bad input gets a helpful reply, not a crash', ['chiltern', '', '\u0001\u0002', 'quit'], "Sorry, I can't use that: the question contains binary or unreadable characters"],
    ['help lists the commands', ['cannock', '', 'help', 'quit'], 'Type a question, "council" to change council'],
  ])('%s', async (_case, lines, expected) => {
    expect((await converse(lines)).transcript).toContain(expected);
  });

  it('switches council mid-conversation', async () => {
    const { transcript } = await converse(['dacorum', '', 'council', 'cannock', 'quit']);
    expect(transcript).toMatch(/cannock> $/);
  });

  it('hands declined questions over for recording', async () => {
    const { unanswered } = await converse(['chiltern', '', 'how do i book annual leave', 'quit']);
    expect(unanswered.map((answer) => answer.question)).toEqual(['how do i book annual leave']);
  });

  it('ends quietly at end of input', async () => {
    const { transcript } = await converse(['wouldham']);
    expect(transcript).toContain('Asking as an employee or a councillor?');
  });
});
