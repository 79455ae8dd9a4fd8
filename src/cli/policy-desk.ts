#!/usr/bin/env node
import { readConfig } from '../config/read-config.js';
import { isPolicyDeskError } from '../errors.js';
import { processOutput } from './command-output.js';
import { runCheckPacksCommand } from './run-check-packs-command.js';

const USAGE = 'usage: policy-desk ask --council <id> [--role employee|member] [--json] "<question>" | ingest <file.txt> --council <id> | check-packs';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = readConfig();
  switch (command) {
    case 'check-packs':
      return runCheckPacksCommand(config.policiesDirectory, processOutput);
    default:
      processOutput.error(`policy-desk: ${command ? `unknown command "${command}"` : 'no command given'}; ${USAGE}`);
      return rest.length >= 0 ? 2 : 2;
  }
}

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
