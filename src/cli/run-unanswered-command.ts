import { openDatabase } from '../storage/open-database.js';
import { listUnansweredQuestions } from '../storage/unanswered-questions.js';
import type { CommandOutput } from './command-output.js';
import { parseCommandArguments } from './parse-command-arguments.js';

const USAGE = 'usage: policy-desk unanswered [--council <id>] [--limit <n>]';

/** Lists the questions Policy Desk declined, newest first: the review list for the communications team. */
export function runUnansweredCommand(args: readonly string[], databasePath: string, output: CommandOutput): number {
  const parsed = parseCommandArguments(args, { council: { type: 'string' }, limit: { type: 'string' } }, USAGE);
  const limit = parsed.options.limit === undefined ? 50 : Number(parsed.options.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    output.error(`policy-desk: --limit must be a whole number above 0; ${USAGE}`);
    return 2;
  }
  const database = openDatabase(databasePath);
  try {
    const questions = listUnansweredQuestions(database, parsed.options.council as string | undefined, limit);
    if (questions.length === 0) output.print('No unanswered questions recorded.');
    for (const entry of questions) {
      output.print(`${entry.askedAt.toISOString()}  ${entry.councilId}  ${entry.askerRole ?? '-'}  ${entry.question}`);
    }
    return 0;
  } finally {
    database.close();
  }
}
