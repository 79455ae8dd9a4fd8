import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openPolicyDesk } from './app/open-policy-desk.js';
import { startTurnWorker } from './app/start-turn-worker.js';
import { readConfig } from './config/read-config.js';
import { startConsoleChat } from './console/start-console-chat.js';
import { createCourier } from './delivery/create-courier.js';
import type { Deliverer } from './delivery/deliver-outbox.js';
import { isPolicyDeskError } from './errors.js';
import { createSlackApp } from './slack/create-slack-app.js';
import { readSlackConfig } from './slack/read-slack-config.js';
import { createTeamsApp, TEAMS_ENDPOINT } from './teams/create-teams-app.js';
import { readTeamsConfig } from './teams/read-teams-config.js';

// Wiring only. Slack or Teams settings in the environment run those apps (both in one process if both are
// set); with neither, Policy Desk is a chat in this terminal.
async function main(): Promise<void> {
  const config = readConfig();
  const slack = readSlackConfig(process.env);
  const teams = readTeamsConfig(process.env);
  if (!slack && !teams) {
    await startConsoleChat(config, { input: process.stdin, output: process.stdout, errors: process.stderr });
    return;
  }
  const say = (line: string) => process.stderr.write(`policy-desk: ${line}\n`);
  const logError = (error: unknown) => say(describeError(error));
  const desk = openPolicyDesk(config, { logError, onBrokenPack: (folder, message) => say(`pack "${folder}" not loaded: ${message}`) });
  const turns = await startTurnWorker(config, { logError });
  const deliverers: Deliverer[] = [];
  const courier = createCourier(desk, deliverers, turns, { logError });
  const shareServer = slack?.mode === 'http' && teams !== undefined;

  const slackApp = slack && createSlackApp(desk, slack, { logError, defaultCouncilId: config.defaultCouncilId, turns, courier, listen: !shareServer });
  if (slackApp) deliverers.push(slackApp.deliverer);
  const teamsApp = teams && createTeamsApp(desk, teams, { logError, defaultCouncilId: config.defaultCouncilId, turns, onNotified: () => void courier.deliverNow() });
  if (teamsApp) deliverers.push(teamsApp.deliverer);

  await slackApp?.start();
  let server: Server | undefined;
  if (teams && teamsApp) {
    // Without authentication anyone who can reach the port could make the bot post anywhere: loopback only.
    const host = teams.auth === 'none' ? '127.0.0.1' : undefined;
    const port = shareServer && slack.mode === 'http' ? slack.port : teams.port;
    server = createServer((request, response) =>
      (request.url ?? '').startsWith(TEAMS_ENDPOINT) || !shareServer ? teamsApp.handle(request, response) : slackApp!.handle(request, response),
    );
    await new Promise<void>((resolve) => server!.listen(port, host, resolve));
    const bound = (server.address() as AddressInfo).port;
    if (teams.auth === 'none') {
      say('WARNING: Teams is running WITHOUT AUTHENTICATION (POLICY_DESK_TEAMS_NO_AUTH=1). For local testing only:');
      say(`WARNING: anyone on this machine can post to it. Listening on 127.0.0.1:${bound} only.`);
    }
    say(`Teams bot running: POST ${TEAMS_ENDPOINT} on port ${bound}${shareServer ? ', with Slack on POST /slack/events' : ''}`);
  }
  if (slack && !shareServer) say(`Slack app running (${slack.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${slack.port}, POST /slack/events`})`);
  courier.start();

  const stop = () => {
    void (async () => {
      server?.close();
      await slackApp?.stop();
      await teamsApp?.stop();
      await courier.stop();
      await turns.close();
    })().finally(() => {
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
