import { openPolicyDesk } from './app/open-policy-desk.js';
import { startTurnWorker } from './app/start-turn-worker.js';
import { readConfig } from './config/read-config.js';
import { startConsoleChat } from './console/start-console-chat.js';
import { isPolicyDeskError } from './errors.js';
import { createSlackApp } from './slack/create-slack-app.js';
import { readSlackConfig } from './slack/read-slack-config.js';

// Wiring only. Slack credentials in the environment run the Slack app; with none, Policy Desk is a chat in this terminal.
async function main(): Promise<void> {
  const config = readConfig();
  const slack = readSlackConfig(process.env);
  if (!slack) {
    await startConsoleChat(config, { input: process.stdin, output: process.stdout, errors: process.stderr });
    return;
  }
  const logError = (error: unknown) => process.stderr.write(`policy-desk: ${describeError(error)}\n`);
  const desk = openPolicyDesk(config, { logError, onBrokenPack: (folder, message) => process.stderr.write(`policy-desk: pack "${folder}" not loaded: ${message}\n`) });
  const turns = await startTurnWorker(config, { logError });
  const app = createSlackApp(desk, slack, { logError, defaultCouncilId: config.defaultCouncilId, turns });
  await app.start();
  process.stderr.write(`policy-desk: Slack app running (${slack.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${slack.port}, POST /slack/events`})\n`);
  const stop = () => {
    void app
      .stop()
      .then(() => turns.close())
      .finally(() => {
        desk.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** The error's kind and message only: never a stack, a request body or a token. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return 'error';
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message.replace(/xox[a-z]-[A-Za-z0-9-]+/g, '[token]')}`;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `policy-desk: ${isPolicyDeskError(error) ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exitCode = isPolicyDeskError(error) ? 2 : 1;
});
