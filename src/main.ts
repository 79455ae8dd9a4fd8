import { readConfig } from './config/read-config.js';
import { startConsoleChat } from './console/start-console-chat.js';
import { isPolicyDeskError } from './errors.js';

// Wiring only. With no Slack or Teams credentials, Policy Desk runs as a chat in this terminal.
async function main(): Promise<void> {
  const config = readConfig();
  await startConsoleChat(config, { input: process.stdin, output: process.stdout, errors: process.stderr });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `policy-desk: ${isPolicyDeskError(error) ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exitCode = isPolicyDeskError(error) ? 2 : 1;
});
