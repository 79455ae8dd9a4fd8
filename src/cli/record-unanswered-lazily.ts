import type { PolicyAnswer } from '../answers/compose-answer.js';
import type { AskerRole } from '../answers/match-clauses.js';
import { openDatabase, type PolicyDeskDatabase } from '../storage/open-database.js';
import { recordUnansweredQuestion } from '../storage/unanswered-questions.js';
import type { CommandOutput } from './command-output.js';

/**
 * Records declined questions, opening the database only when the first one arrives (most runs
 * never need it). If the database cannot be written, the answer still goes out: one warning, no stop.
 */
export function recordUnansweredLazily(databasePath: string, output: CommandOutput, now: () => Date) {
  let database: PolicyDeskDatabase | undefined;
  let failed = false;
  return {
    record(answer: PolicyAnswer, role: AskerRole | undefined): void {
      if (failed) return;
      try {
        database ??= openDatabase(databasePath);
        recordUnansweredQuestion(database, {
          councilId: answer.pack.councilId,
          question: answer.question,
          askerRole: role,
          confidence: answer.confidence,
          channel: 'cli',
          askedAt: now(),
        });
      } catch (error) {
        failed = true;
        output.error(`policy-desk: warning: could not record the unanswered question (${error instanceof Error ? error.message : String(error)})`);
      }
    },
    close(): void {
      database?.close();
    },
  };
}
