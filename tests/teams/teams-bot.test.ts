import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPolicyDesk, type PolicyDesk } from '../../src/app/open-policy-desk.js';
import { startTurnWorker } from '../../src/app/start-turn-worker.js';
import type { TurnRunner } from '../../src/app/turn-runner.js';
import { readConfig } from '../../src/config/read-config.js';
import { createTeamsApp, type TeamsApp } from '../../src/teams/create-teams-app.js';
import { FakeBotConnector, type ConnectorCall } from '../support/fake-bot-connector.js';
import { executeActions } from '../support/teams-harness.js';
import { findAdaptiveCardProblems } from '../support/parse-adaptive-card.js';
import { findTeamsConversation } from '../../src/storage/teams-conversations.js';
import { actionExecute, channelMention, installationUpdate, NOT_ACTIVITIES, personalConversationIdFor, personalMessage, teamsParties, DEMO_APP_ID, DEMO_TENANT_ID } from '../support/teams-activities.js';

let connector: FakeBotConnector;
let desk: PolicyDesk;
let turns: TurnRunner;
let teams: TeamsApp;
let server: Server;
let errors: unknown[];

async function start(councilId: string): Promise<void> {
  connector = await new FakeBotConnector().start();
  const config = { ...readConfig({}), databasePath: join(mkdtempSync(join(tmpdir(), 'policy-desk-teams-')), 'teams.sqlite') };
  desk = openPolicyDesk(config, { allowLocalKeyFile: true });
  errors = [];
  turns = await startTurnWorker(config, { logError: (error) => errors.push(error), allowLocalKeyFile: true });
  teams = createTeamsApp(desk, { auth: 'none', port: 0, tenants: new Map() }, { logError: (error) => errors.push(error), defaultCouncilId: councilId, turns });
  server = createServer((request, response) => teams.handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
}

afterEach(async () => {
  // Every card the bot sent must be one Teams can show.
  for (const call of connector.sent()) for (const card of connector.cardsIn(call)) expect(findAdaptiveCardProblems(card)).toEqual([]);
  await teams.stop();
  await new Promise((resolve) => server.close(resolve));
  await turns.close();
  desk.close();
  await connector.stop();
  vi.restoreAllMocks();
});

async function post(body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

const cardText = (call: ConnectorCall) => JSON.stringify(connector.cardsIn(call));

describe('the Teams bot over HTTP, through the real CloudAdapter', () => {
  it('answers Cannock’s question about a bot writing posts with a card quoting Section D 4.1, through the connector', async () => {
    await start('cannock');
    const parties = teamsParties(connector.serviceUrl);
    const response = await post(personalMessage(parties, { id: '1741083300001', text: 'Can I get a bot to write our council posts automatically?' }));
    expect(response.status).toBe(200);
    const conversationId = personalConversationIdFor(parties.user.id);
    await connector.waitFor(() => connector.sentTo(conversationId).length > 0);
    const [reply] = connector.sentTo(conversationId);
    expect(cardText(reply!)).toContain('D 4.1');
    expect(errors).toEqual([]);
  });

  it('answers an @mention in a channel in its thread', async () => {
    await start('dacorum');
    const parties = teamsParties(connector.serviceUrl);
    const mention = channelMention(parties, { id: '1741083300002', text: 'can I post photos of residents?', teamId: '19:team@thread.tacv2', channelId: '19:general@thread.tacv2' });
    await post(mention);
    const thread = (mention.conversation as { id: string }).id;
    await connector.waitFor(() => connector.sentTo(thread).length > 0);
    expect(cardText(connector.sentTo(thread)[0]!)).toContain('photographs of residents');
  });

  it('gives a resent activity one answer', async () => {
    await start('dacorum');
    const parties = teamsParties(connector.serviceUrl);
    const message = personalMessage(parties, { id: '1741083300003', text: 'can I tweet about the election?' });
    await post(message);
    await post(message);
    const conversationId = personalConversationIdFor(parties.user.id);
    await connector.waitFor(() => connector.sentTo(conversationId).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.sentTo(conversationId)).toHaveLength(1);
  });

  it('records 👍 pressed with Action.Execute, answering the invoke at once', async () => {
    await start('dacorum');
    const parties = teamsParties(connector.serviceUrl);
    await post(personalMessage(parties, { id: '1741083300004', text: 'can I post photos of residents?' }));
    const conversationId = personalConversationIdFor(parties.user.id);
    await connector.waitFor(() => connector.sentTo(conversationId).length > 0);
    const [answer] = connector.sentTo(conversationId);
    const helpful = executeActions(connector.cardsIn(answer!)).find((action) => action.title.includes('Helpful') && !action.title.includes('Not'));
    expect(helpful).toBeDefined();
    const invoke = actionExecute(parties, { id: '1741083300005', verb: helpful!.verb, data: helpful!.data, replyToId: answer!.id! });
    const answered = await post(invoke);
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text)).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(desk.database.prepare('SELECT helpful FROM answer_feedback').all()).toEqual([{ helpful: 1 }]);
  });

  it('with an Azure app id, refuses a post without a valid token with 401 and runs no turn', async () => {
    await start('dacorum');
    // botbuilder prints each refusal itself.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const azure = createTeamsApp(desk, { auth: 'azure', appId: DEMO_APP_ID, appPassword: 'not-a-real-secret', appType: 'SingleTenant', tenantId: DEMO_TENANT_ID, port: 0, tenants: new Map() }, { logError: () => undefined, defaultCouncilId: 'dacorum', turns });
    const guarded = createServer((request, response) => azure.handle(request, response));
    await new Promise<void>((resolve) => guarded.listen(0, '127.0.0.1', resolve));
    const parties = teamsParties(connector.serviceUrl);
    for (const authorization of [undefined, 'Bearer not-a-token']) {
      const response = await fetch(`http://127.0.0.1:${(guarded.address() as AddressInfo).port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(personalMessage(parties, { id: '1741083300009', text: 'can I post photos of residents?' })),
      });
      expect(response.status).toBe(401);
    }
    await new Promise((resolve) => guarded.close(resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connector.calls).toEqual([]);
    expect(desk.database.prepare('SELECT COUNT(*) AS n FROM teams_conversations').get()).toEqual({ n: 0 });
  });

  it('keeps where a user can be reached from the app’s installation, before they write anything', async () => {
    await start('dacorum');
    const parties = teamsParties(connector.serviceUrl);
    expect((await post(installationUpdate(parties, { id: 'f:install-1', action: 'add' }))).status).toBe(200);
    const stored = findTeamsConversation(desk.database, `teams:${parties.user.aadObjectId}`);
    expect(stored?.conversation?.id).toBe(personalConversationIdFor(parties.user.id));
    expect(stored?.serviceUrl).toBe(connector.serviceUrl);
  });

  it('refuses bodies that are not activities with a 4xx, and other methods and paths', async () => {
    await start('dacorum');
    for (const junk of Object.values(NOT_ACTIVITIES)) expect((await post(junk)).status).toBe(400);
    expect((await post('{not json')).status).toBe(400);
    const port = (server.address() as AddressInfo).port;
    expect((await fetch(`http://127.0.0.1:${port}/api/messages`)).status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${port}/elsewhere`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
