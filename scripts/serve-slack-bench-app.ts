/**
 * One app under test for npm run bench:slack, in its own process as it would be in production: "desk" is
 * Policy Desk, "bare" a Bolt app that answers every event with a fixed text. Prints its port, then serves.
 */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { openPolicyDesk } from '../src/app/open-policy-desk.js';
import { startTurnWorker } from '../src/app/start-turn-worker.js';
import { readConfig } from '../src/config/read-config.js';
import { createSlackApp } from '../src/slack/create-slack-app.js';

export const BENCH_SIGNING_SECRET = 'bench-signing-secret';

async function serve(kind: string, apiUrl: string): Promise<Server> {
  if (kind === 'bare') {
    const receiver = new HTTPReceiver({ signingSecret: BENCH_SIGNING_SECRET, logLevel: LogLevel.ERROR });
    const app = new App({ token: 'xoxb-bench', receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } });
    app.event('message', async ({ event, client }) => {
      await client.chat.postMessage({ channel: (event as { channel: string }).channel, text: 'Thanks for your message.' });
    });
    return (await app.start(0)) as Server;
  }
  const config = { ...readConfig({}), databasePath: join(mkdtempSync(join(tmpdir(), 'policy-desk-bench-slack-')), 'bench.sqlite') };
  const logError = (error: unknown) => process.stderr.write(`bench app: ${error instanceof Error ? error.message : 'error'}\n`);
  const desk = openPolicyDesk(config, { allowLocalKeyFile: true });
  // As npm start runs it: turns in a worker thread.
  const turns = await startTurnWorker(config, { logError, allowLocalKeyFile: true });
  const app = createSlackApp(desk, { mode: 'http', botToken: 'xoxb-bench', signingSecret: BENCH_SIGNING_SECRET, port: 0, apiUrl, workspaces: new Map() }, {
    logError,
    defaultCouncilId: 'dacorum',
    turns,
  });
  return (await app.start())!;
}

const [kind, apiUrl] = process.argv.slice(2);
if ((kind === 'bare' || kind === 'desk') && apiUrl) {
  void serve(kind, apiUrl).then((server) => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
}
// Exit cleanly when told to, so `node --cpu-prof` can write its profile.
process.once('SIGINT', () => process.exit(0));
