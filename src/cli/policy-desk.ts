#!/usr/bin/env node
import { createPolicyAnswerer } from '../answers/create-policy-answerer.js';
import { readConfig } from '../config/read-config.js';
import { isPolicyDeskError } from '../errors.js';
import { loadPolicyLibrary } from '../policies/load-policy-library.js';
import { processOutput } from './command-output.js';
import { recordUnansweredLazily } from './record-unanswered-lazily.js';
import { runAskCommand } from './run-ask-command.js';
import { runChatCommand } from './run-chat-command.js';
import { runCheckPacksCommand } from './run-check-packs-command.js';
import { runIngestCommand } from './run-ingest-command.js';
import { runRequestsCommand } from './run-requests-command.js';
import { runReportsCommand } from './run-reports-command.js';
import { runRouteCommand } from './run-route-command.js';
import { runUnansweredCommand } from './run-unanswered-command.js';

const USAGE =
  'usage: policy-desk ask --council <id> [--role employee|member] [--json] "<question>" | chat --council <id> [--db <file>] | ingest <file.txt> --council <id> | check-packs | unanswered [--council <id>] | requests list|show <id>|export --format csv|json | route --council <id> --role employee|member --category <id> [--json] | reports list|purge --older-than <period>|rekey';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = readConfig();
  const clock = () => new Date();
  switch (command) {
    case 'ask': {
      const answerer = createPolicyAnswerer(loadPolicyLibrary(config.policiesDirectory), clock);
      const unanswered = recordUnansweredLazily(config.databasePath, processOutput, clock);
      try {
        return await runAskCommand(rest, {
          answerer,
          output: processOutput,
          stdin: process.stdin,
          onUnanswered: unanswered.record,
        });
      } finally {
        unanswered.close();
      }
    }
    case 'chat':
      return runChatCommand(rest, config, { input: process.stdin, output: process.stdout, errors: process.stderr });
    case 'check-packs':
      return runCheckPacksCommand(config.policiesDirectory, processOutput);
    case 'ingest':
      return runIngestCommand(rest, config.policiesDirectory, processOutput);
    case 'requests':
      return runRequestsCommand(rest, config.databasePath, processOutput);
    case 'reports':
      return runReportsCommand(rest, config, processOutput, clock);
    case 'route':
      return runRouteCommand(rest, config, processOutput);
    case 'unanswered':
      return runUnansweredCommand(rest, config.databasePath, processOutput);
    default:
      processOutput.error(`policy-desk: ${command ? `unknown command "${command}"` : 'no command given'}; ${USAGE}`);
      return 2;
  }
}

// Every failure ends as one line on stderr: exit 2 for bad input, 1 for anything unexpected. Never a stack trace.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isPolicyDeskError(error)) {
      processOutput.error(`policy-desk: ${error.message}`);
      process.exitCode = 2;
    } else {
      processOutput.error(`policy-desk: internal error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  },
);
