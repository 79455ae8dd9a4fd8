import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { PolicyAnswer } from '../answers/compose-answer.js';
import type { PolicyAnswerer } from '../answers/create-policy-answerer.js';
import type { AskerRole } from '../answers/match-clauses.js';
import { isPolicyDeskError, PolicyDeskError } from '../errors.js';
import { answerToJson } from './answer-to-json.js';
import type { CommandOutput } from './command-output.js';
import { renderConsoleMessage } from '../console/render-console-message.js';
import { composeAnswerMessage } from '../conversations/messages/compose-answer-message.js';
import { parseCommandArguments, requireOption } from './parse-command-arguments.js';

export const ASK_USAGE =
  'usage: policy-desk ask --council <id> [--role employee|member] [--json] "<question>" (or - to read one question per line from stdin)';

export interface AskDependencies {
  answerer: PolicyAnswerer;
  output: CommandOutput;
  stdin: Readable;
  /** Called for each question Policy Desk declined, so it can be kept for review. */
  onUnanswered(answer: PolicyAnswer, role: AskerRole | undefined): void;
}

function parseRole(value: string | boolean | undefined): AskerRole | undefined {
  if (value === undefined) return undefined;
  if (value === 'employee' || value === 'member') return value;
  throw new PolicyDeskError('INVALID_ARGUMENTS', `--role must be employee or member, not "${String(value)}"`);
}

/** `policy-desk ask`: one question from the arguments, or one per stdin line with `-`. */
export async function runAskCommand(args: readonly string[], dependencies: AskDependencies): Promise<number> {
  const parsed = parseCommandArguments(
    args,
    { council: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' } },
    ASK_USAGE,
  );
  const councilId = requireOption(parsed, 'council', ASK_USAGE);
  const role = parseRole(parsed.options.role);
  const asJson = parsed.options.json === true;
  if (parsed.positionals.length !== 1) {
    throw new PolicyDeskError(
      'INVALID_ARGUMENTS',
      parsed.positionals.length === 0 ? `no question given; ${ASK_USAGE}` : `give the question as one quoted argument; ${ASK_USAGE}`,
    );
  }
  const { answerer, output } = dependencies;
  answerer.requireCouncil(councilId);

  const answerOne = (question: string) => {
    const answer = answerer.answer(councilId, question, role);
    if (answer.abstained) dependencies.onUnanswered(answer, role);
    return answer;
  };

  const [question] = parsed.positionals as [string];
  if (question !== '-') {
    const answer = answerOne(question);
    output.print(asJson ? JSON.stringify(answerToJson(answer)) : formatAnswer(answer));
    return 0;
  }

  // One question per line; a bad line gets an error object (or message) and the run goes on.
  const lines = createInterface({ input: dependencies.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    try {
      const answer = answerOne(line);
      output.print(asJson ? JSON.stringify(answerToJson(answer)) : `${formatAnswer(answer)}\n`);
    } catch (error) {
      if (!isPolicyDeskError(error)) throw error;
      output.print(
        asJson
          ? JSON.stringify({ question: line.slice(0, 200), council: councilId, error: error.message })
          : `policy-desk: ${error.message}\n`,
      );
    }
  }
  return 0;
}

/** The answer as terminal text: the same neutral message every chat channel renders. */
function formatAnswer(answer: Parameters<typeof composeAnswerMessage>[0]): string {
  return renderConsoleMessage(composeAnswerMessage(answer)).lines.join('\n');
}
