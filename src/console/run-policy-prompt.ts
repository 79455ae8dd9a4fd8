import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { PolicyAnswer } from '../answers/compose-answer.js';
import type { PolicyAnswerer } from '../answers/create-policy-answerer.js';
import type { AskerRole } from '../answers/match-clauses.js';
import { formatAnswerText } from '../cli/format-answer-text.js';
import { isPolicyDeskError } from '../errors.js';

export interface PromptDependencies {
  answerer: PolicyAnswerer;
  councilNames: ReadonlyMap<string, string>;
  input: Readable;
  output: Writable;
  onUnanswered(answer: PolicyAnswer, role: AskerRole | undefined): void;
}

const HELP = 'Type a question, "council" to change council, "role" to change who you are asking as, or "quit".';

/**
 * The local terminal prompt: pick a council (and optionally a role), then ask questions.
 * Ends on "quit" or end of input. Reads line by line, so it can also be driven by a pipe.
 */
export async function runPolicyPrompt(dependencies: PromptDependencies): Promise<void> {
  const { answerer, councilNames, output } = dependencies;
  const say = (text: string) => output.write(`${text}\n`);
  const councils = [...councilNames.keys()];
  const lines = createInterface({ input: dependencies.input, terminal: false })[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | undefined> => {
    output.write(prompt);
    const next = await lines.next();
    return next.done ? undefined : next.value.trim();
  };

  const chooseCouncil = async (): Promise<string | undefined> => {
    say('Which council?');
    councils.forEach((id, position) => say(`  ${position + 1}) ${councilNames.get(id)} [${id}]`));
    for (;;) {
      const reply = await ask('council> ');
      if (reply === undefined || reply === 'quit') return undefined;
      const byNumber = councils[Number(reply) - 1];
      const chosen = /^\d+$/.test(reply) ? byNumber : councils.find((id) => id === reply.toLowerCase());
      if (chosen) return chosen;
      say(`Please type a number from 1 to ${councils.length}, or a council id.`);
    }
  };
  const chooseRole = async (): Promise<AskerRole | undefined | null> => {
    const reply = await ask('Asking as an employee or a councillor? (e / c, Enter to skip) role> ');
    if (reply === undefined || reply === 'quit') return null;
    if (/^(e|employee|staff|officer)$/i.test(reply)) return 'employee';
    if (/^(c|councillor|cllr|member)$/i.test(reply)) return 'member';
    return undefined;
  };

  say('Policy Desk: answers from your council\'s social media policy, quoted clause by clause.');
  let councilId = await chooseCouncil();
  if (!councilId) return;
  let role = await chooseRole();
  if (role === null) return;
  say(HELP);
  for (;;) {
    const reply = await ask(`${councilId}> `);
    if (reply === undefined || /^(quit|exit)$/i.test(reply)) return;
    if (reply === '') continue;
    if (/^(help|\?)$/i.test(reply)) {
      say(HELP);
      continue;
    }
    if (/^council$/i.test(reply)) {
      councilId = (await chooseCouncil()) ?? councilId;
      continue;
    }
    if (/^role$/i.test(reply)) {
      const chosen = await chooseRole();
      if (chosen === null) return;
      role = chosen;
      continue;
    }
    try {
      const answer = answerer.answer(councilId, reply, role);
      if (answer.abstained) dependencies.onUnanswered(answer, role);
      say(`\n${formatAnswerText(answer)}\n`);
    } catch (error) {
      if (!isPolicyDeskError(error)) throw error;
      say(`Sorry, I can't use that: ${error.message}. ${HELP}`);
    }
  }
}
