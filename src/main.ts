import { createPolicyAnswerer } from './answers/create-policy-answerer.js';
import { readConfig } from './config/read-config.js';
import { runPolicyPrompt } from './console/run-policy-prompt.js';
import { isPolicyDeskError } from './errors.js';
import { loadPolicyLibrary } from './policies/load-policy-library.js';
import { openDatabase } from './storage/open-database.js';
import { recordUnansweredQuestion } from './storage/unanswered-questions.js';

// Wiring only: config, database, packs, then the local terminal channel.
async function main(): Promise<void> {
  const config = readConfig();
  const clock = () => new Date();
  const database = openDatabase(config.databasePath);
  const library = loadPolicyLibrary(config.policiesDirectory);
  for (const [folder, error] of library.brokenPacks) process.stderr.write(`policy-desk: pack "${folder}" not loaded: ${error.message}\n`);
  try {
    await runPolicyPrompt({
      answerer: createPolicyAnswerer(library, clock),
      councilNames: new Map([...library.packs.values()].map((pack) => [pack.councilId, pack.councilName])),
      input: process.stdin,
      output: process.stdout,
      onUnanswered: (answer, role) =>
        recordUnansweredQuestion(database, {
          councilId: answer.pack.councilId,
          question: answer.question,
          askerRole: role,
          confidence: answer.confidence,
          channel: 'console',
          askedAt: clock(),
        }),
    });
  } finally {
    database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `policy-desk: ${isPolicyDeskError(error) ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exitCode = isPolicyDeskError(error) ? 2 : 1;
});
