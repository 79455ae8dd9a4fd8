import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsInfo,
  TurnContext,
  type Activity,
  type ConversationReference,
  type Request,
  type Response,
} from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADAPTIVE_CARD, FakeBotConnector } from '../support/fake-bot-connector.js';
import {
  NOT_ACTIVITIES,
  actionExecute,
  actionSubmit,
  botAccount,
  channelMention,
  installationUpdate,
  membersAdded,
  personalConversationIdFor,
  personalMessage,
  teamsParties,
  type TeamsActivity,
  type TeamsParties,
} from '../support/teams-activities.js';

// These tests drive the real botbuilder CloudAdapter, with authentication disabled, against the stand-in: what the
// stand-in records is what botbuilder 4.23 actually sends. The bot below is test scaffolding, not product code.

/** AuthenticationConstants.ToChannelFromBotOAuthScope (botframework-connector), which botbuilder does not re-export. */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';
const NO_APP_ID = '';

function card(text: string): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', text, wrap: true }],
    actions: [{ type: 'Action.Execute', verb: 'acknowledge', title: 'Acknowledge', data: { caseId: 'C-1' } }],
  };
}

/** A bot that replies with a card and edits it, answers Action.Execute in the invoke response, and welcomes. */
function tinyBot(references: Map<string, Partial<ConversationReference>>): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const { activity } = context;
    references.set(activity.conversation.id, TurnContext.getConversationReference(activity));
    if (activity.type === ActivityTypes.Message && activity.value !== undefined) {
      await context.updateActivity({ type: ActivityTypes.Message, id: activity.replyToId, attachments: [CardFactory.adaptiveCard(card('Submitted'))] });
    } else if (activity.type === ActivityTypes.Message) {
      const question = TurnContext.removeRecipientMention(activity);
      const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card('Looking that up…'))] });
      await context.updateActivity({ type: ActivityTypes.Message, id: sent!.id, attachments: [CardFactory.adaptiveCard(card(`Answer to: ${question}`))] });
    } else if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
      const body = { statusCode: 200, type: ADAPTIVE_CARD, value: card(`Done: ${String(activity.value?.action?.verb)}`) };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
    } else if (activity.type === ActivityTypes.InstallationUpdate || activity.type === ActivityTypes.ConversationUpdate) {
      await context.sendActivity('Welcome to Policy Desk.');
    }
  };
}

/** node:http has no res.status/res.send; botbuilder's Response wants them (botbuilder/lib/interfaces/response.d.ts). */
function toBotbuilderResponse(res: ServerResponse): Response {
  return {
    socket: res.socket,
    status: (code: number) => void (res.statusCode = code),
    header: (name: string, value: unknown) => void res.setHeader(name, String(value)),
    send: (body: unknown) => {
      res.setHeader('content-type', typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
      res.write(typeof body === 'string' ? body : JSON.stringify(body));
    },
    end: () => void res.end(),
  };
}

/** The messaging endpoint: parse the body, hand it to adapter.process, and answer 400 if process itself throws. */
async function startEndpoint(adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>): Promise<{ url: string; server: Server }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const request: Request = { method: req.method, headers: req.headers, body: parseOrRaw(raw) as Record<string, unknown> };
      adapter.process(request, toBotbuilderResponse(res), logic).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, server };
}

function parseOrRaw(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

interface ConnectorError {
  statusCode?: number;
  code?: string;
  message: string;
  response?: { headers: { get(name: string): string | undefined } };
}

async function failureOf(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    return error as ConnectorError;
  }
  throw new Error('expected the call to fail');
}

function referenceFrom(activity: TeamsActivity): Partial<ConversationReference> {
  return TurnContext.getConversationReference(activity as unknown as Activity);
}

let connector: FakeBotConnector;
let adapter: CloudAdapter;
let endpoint: { url: string; server: Server };
let parties: TeamsParties;
const references = new Map<string, Partial<ConversationReference>>();

beforeEach(async () => {
  connector = await new FakeBotConnector().start();
  // No MicrosoftAppId: authentication disabled both ways (PasswordServiceClientCredentialFactory.isAuthenticationDisabled).
  adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  references.clear();
  endpoint = await startEndpoint(adapter, tinyBot(references));
  parties = teamsParties(connector.serviceUrl);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((resolve) => endpoint.server.close(() => resolve()));
  await connector.stop();
});

describe('the stand-in Bot Connector, spoken to by the real CloudAdapter', () => {
  it('receives a reply to a personal message, then the same card updated in place, with no Authorization header', async () => {
    const conversationId = personalConversationIdFor(parties.user.id);
    const response = await post(endpoint.url, personalMessage(parties, { id: '1741083300101', text: 'can I post photos of residents?' }));
    expect(response).toEqual({ status: 200, text: '' });

    const [reply] = connector.sentTo(conversationId);
    expect(reply).toMatchObject({ kind: 'reply', method: 'POST', activityId: '1741083300101', status: 201 });
    expect(reply!.authorization).toBeUndefined();
    expect(reply!.body).toMatchObject({ type: 'message', replyToId: '1741083300101', from: botAccount(parties), recipient: { id: parties.user.id }, conversation: { id: conversationId } });
    expect(connector.cardsIn(reply)).toEqual([card('Looking that up…')]);

    const [update] = connector.updates(conversationId);
    expect(update).toMatchObject({ kind: 'update', method: 'PUT', activityId: reply!.id, body: { id: reply!.id } });
    expect(connector.cardsIn(connector.message(conversationId, reply!.id!)!.activity)).toEqual([card('Answer to: can I post photos of residents?')]);
  });

  it('replies in the channel thread of an @mention, with the mention taken out of the text', async () => {
    const channelId = '19:6848757105754c8981c67612732d9aa7@thread.tacv2';
    await post(endpoint.url, channelMention(parties, { id: '1741083300202', text: 'can I like a post by a councillor?', teamId: '19:team@thread.tacv2', channelId }));
    const threadId = `${channelId};messageid=1741083300202`;
    const [reply] = connector.sentTo(threadId);
    expect(reply).toMatchObject({ kind: 'reply', activityId: '1741083300202' });
    expect(reply!.path).toContain(encodeURIComponent(threadId));
    expect(connector.cardsIn(connector.message(threadId, reply!.id!)!.activity)).toEqual([card('Answer to: can I like a post by a councillor?')]);
  });

  it('answers an Action.Execute invoke in the HTTP response and posts nothing', async () => {
    const response = await post(endpoint.url, actionExecute(parties, { id: 'f:3b1e0a9c', replyToId: '1741083300101', verb: 'acknowledge', data: { caseId: 'C-1' } }));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ statusCode: 200, type: ADAPTIVE_CARD, value: card('Done: acknowledge') });
    expect(connector.calls).toEqual([]);
  });

  it('answers 501 to an invoke the bot sets no invokeResponse for', async () => {
    const invoke = { ...actionExecute(parties, { id: 'f:77', replyToId: '1', verb: 'x', data: {} }), name: 'composeExtension/query' };
    expect((await post(endpoint.url, invoke)).status).toBe(501);
  });

  it('updates the card an Action.Submit came from, by the replyToId', async () => {
    const conversationId = personalConversationIdFor(parties.user.id);
    await post(endpoint.url, personalMessage(parties, { id: '1741083300301', text: 'report a post' }));
    const cardId = connector.sentTo(conversationId)[0]!.id!;
    await post(endpoint.url, actionSubmit(parties, { id: '1741083300302', replyToId: cardId, data: { action: 'submit', detail: 'offensive' } }));
    expect(connector.updates(conversationId).map((update) => update.activityId)).toEqual([cardId, cardId]);
    expect(connector.cardsIn(connector.message(conversationId, cardId)!.activity)).toEqual([card('Submitted')]);
  });

  it('welcomes on installationUpdate and on conversationUpdate, each as a reply to the event', async () => {
    const conversationId = personalConversationIdFor(parties.user.id);
    await post(endpoint.url, installationUpdate(parties, { id: 'f:install-1', action: 'add' }));
    await post(endpoint.url, membersAdded(parties, { id: 'f:members-1' }));
    await connector.waitFor(() => connector.sent().length === 2);
    expect(connector.sentTo(conversationId).map((call) => [call.kind, call.activityId, call.body?.text])).toEqual([
      ['reply', 'f:install-1', 'Welcome to Policy Desk.'],
      ['reply', 'f:members-1', 'Welcome to Policy Desk.'],
    ]);
  });

  it('delivers proactively with continueConversationAsync and a stored reference (as a reply to a made-up id), and deletes', async () => {
    const conversationId = personalConversationIdFor(parties.user.id);
    await post(endpoint.url, installationUpdate(parties, { id: 'f:install-2', action: 'add' }));
    const stored = JSON.parse(JSON.stringify(references.get(conversationId))) as Partial<ConversationReference>;
    let sentId: string | undefined;
    await adapter.continueConversationAsync(NO_APP_ID, stored, async (context) => {
      sentId = (await context.sendActivity('Your report was received.'))?.id;
      await context.deleteActivity(sentId!);
    });
    const proactive = connector.sentTo(conversationId)[1]!;
    expect(proactive).toMatchObject({ kind: 'reply', id: sentId, body: { text: 'Your report was received.', recipient: { id: parties.user.id } } });
    expect(proactive.activityId).toMatch(/^[0-9a-f-]{36}$/); // ActivityEx.getContinuationActivity's uuid
    expect(connector.deletes(conversationId).map((call) => call.activityId)).toEqual([sentId]);
    expect(connector.message(conversationId, sentId!)!.deleted).toBe(true);
  });

  it('opens a 1:1 chat with createConversationAsync and posts in it; a user without the app gets 403', async () => {
    const parameters = { isGroup: false, bot: botAccount(parties), members: [{ id: parties.user.id, name: parties.user.name }], tenantId: parties.tenantId, channelData: { tenant: { id: parties.tenantId } } };
    await adapter.createConversationAsync(NO_APP_ID, 'msteams', parties.serviceUrl, BOT_FRAMEWORK_AUDIENCE, parameters, async (context) => {
      await context.sendActivity('A case needs your decision.');
    });
    const [created] = connector.createdConversations();
    expect(created!.body).toEqual(parameters);
    expect(connector.sentTo(created!.id!)).toMatchObject([{ kind: 'reply', activityId: created!.id, body: { text: 'A case needs your decision.' } }]);

    connector.notInstalledFor('aad-of-someone-else');
    let ran = false;
    const refused = await failureOf(
      adapter.createConversationAsync(NO_APP_ID, 'msteams', parties.serviceUrl, BOT_FRAMEWORK_AUDIENCE, { ...parameters, members: [{ id: 'aad-of-someone-else', name: '' }] }, async () => void (ran = true)),
    );
    expect([refused.statusCode, refused.code, refused.message, ran]).toEqual([403, 'BadArgument', "Bot is not installed in user's personal scope", false]);
  });

  it('finds a member with TeamsInfo.getMember, and refuses one it does not know', async () => {
    connector.addMember({ id: parties.user.id, aadObjectId: parties.user.aadObjectId, name: parties.user.name, email: 'robin.ashdown@example.gov.uk' });
    const members: unknown[] = [];
    await adapter.continueConversationAsync(NO_APP_ID, referenceFrom(personalMessage(parties, { id: '1', text: '' })), async (context) => {
      members.push(await TeamsInfo.getMember(context, parties.user.aadObjectId));
      members.push(await failureOf(TeamsInfo.getMember(context, '29:stranger')));
    });
    expect(members[0]).toMatchObject({ id: parties.user.id, name: parties.user.name, email: 'robin.ashdown@example.gov.uk' });
    expect(members[1]).toMatchObject({ statusCode: 404, code: 'MemberNotFoundInConversation' });
    expect(connector.attempts('getMember').map((call) => call.memberId)).toEqual([parties.user.aadObjectId, '29:stranger']);
  });
});

describe('failures from the Bot Connector, as botbuilder surfaces them', () => {
  const proactiveSend = (text: string): Promise<void> =>
    adapter.continueConversationAsync(NO_APP_ID, referenceFrom(personalMessage(parties, { id: '1', text: '' })), async (context) => void (await context.sendActivity(text)));

  it('retries a 429 by itself, after Retry-After, and the bot never sees it', async () => {
    connector.failNext('sendOrReply', { status: 429, retryAfter: 0 });
    await proactiveSend('once');
    expect(connector.attempts('reply').map((call) => call.status)).toEqual([429, 201]);
  });

  it('throws after four 429s, with the status, the code and a readable Retry-After', async () => {
    connector.failNext('sendOrReply', { status: 429, retryAfter: 1 }, 4);
    const started = Date.now();
    const error = await failureOf(proactiveSend('too fast'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900); // three waits of Retry-After: 1
    expect([error.statusCode, error.code, error.response?.headers.get('retry-after')]).toEqual([429, 'Throttled', '1']);
    expect(connector.attempts('reply')).toHaveLength(4);
    expect(connector.sent()).toEqual([]);
  });

  it.each([502, 504])('retries a %i by itself, with exponential backoff', async (status) => {
    connector.failNext('sendOrReply', { status });
    await proactiveSend('flaky');
    expect(connector.attempts('reply').map((call) => call.status)).toEqual([status, 201]);
  });

  it.each([
    [412, 'PreconditionFailed'],
    [403, 'BotNotInConversationRoster'],
    [404, 'ConversationNotFound'],
  ])('does not retry a %i, and throws it at once with code %s', async (status, code) => {
    connector.failNext('sendOrReply', { status });
    const error = await failureOf(proactiveSend('refused'));
    expect([error.statusCode, error.code]).toEqual([status, code]);
    expect(connector.attempts('reply')).toHaveLength(1);
  });

  it('turns a failed send inside a turn into a 500 to Teams, unless onTurnError is set', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    connector.failNext('sendOrReply', { status: 403 });
    const response = await post(endpoint.url, personalMessage(parties, { id: '1741083300401', text: 'hello' }));
    expect(response).toEqual({ status: 500, text: "The bot isn't part of the conversation roster." });
    expect(errors).toHaveBeenCalled();

    const handled: unknown[] = [];
    adapter.onTurnError = async (_context, error) => void handled.push(error);
    connector.failNext('sendOrReply', { status: 403 });
    expect((await post(endpoint.url, personalMessage(parties, { id: '1741083300402', text: 'hello' }))).status).toBe(200);
    expect(handled).toMatchObject([{ statusCode: 403 }]);
  });
});

describe('bodies that are not activities', () => {
  function recordingResponse(): { seen: { status?: number; body?: unknown; ended: boolean }; res: Response } {
    const seen: { status?: number; body?: unknown; ended: boolean } = { ended: false };
    return { seen, res: { socket: null, status: (code) => void (seen.status = code), header: () => undefined, send: (body) => void (seen.body = body), end: () => void (seen.ended = true) } };
  }
  const noop = async (): Promise<void> => undefined;

  it.each([
    ['junk that is not JSON', NOT_ACTIVITIES.junk],
    ['a JSON array', NOT_ACTIVITIES.array],
  ])('answers 400 to %s', async (_what, body) => {
    const { seen, res } = recordingResponse();
    await adapter.process({ method: 'POST', headers: {}, body: body as unknown as Record<string, unknown> }, res, noop);
    expect(seen).toEqual({ status: 400, body: '`req.body` not an object, make sure you are using middleware to parse incoming requests.', ended: true });
  });

  it('answers 400 to an empty type', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { seen, res } = recordingResponse();
    await adapter.process({ method: 'POST', headers: {}, body: { ...NOT_ACTIVITIES.emptyType } }, res, noop);
    expect(seen).toEqual({ status: 400, ended: true });
  });

  it('throws, answering nothing, for an object with no type: the endpoint must answer 400 itself', async () => {
    const { seen, res } = recordingResponse();
    await expect(adapter.process({ method: 'POST', headers: {}, body: { ...NOT_ACTIVITIES.empty } }, res, noop)).rejects.toThrow('validateAndFixActivity(): missing activity type.');
    expect(seen).toEqual({ ended: false });
    expect((await post(endpoint.url, NOT_ACTIVITIES.empty)).status).toBe(400);
  });

  it('answers 405 to a GET', async () => {
    const { seen, res } = recordingResponse();
    await adapter.process({ method: 'GET', headers: {} }, res, noop);
    expect(seen).toEqual({ status: 405, ended: true });
  });

  it('with authentication disabled, takes any Authorization header, even a bogus one', async () => {
    const response = await post(endpoint.url, personalMessage(parties, { id: '1741083300501', text: 'hi' }), { authorization: 'Bearer not-a-token' });
    expect(response.status).toBe(200);
  });

  it('with authentication on (app id and password set), answers 401 to a post with no Authorization header, offline', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const authenticated = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: parties.appId, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: parties.tenantId }),
    );
    const { seen, res } = recordingResponse();
    await authenticated.process({ method: 'POST', headers: {}, body: personalMessage(parties, { id: '1741083300601', text: 'hi' }) }, res, noop);
    expect(seen).toEqual({ status: 401, body: 'Unauthorized Access. Request is not authorized', ended: true });
    expect(connector.calls).toEqual([]);
  });
});
