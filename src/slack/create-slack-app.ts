import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, type Logger, type RespondFn } from '@slack/bolt';
import type { PolicyDesk } from '../app/open-policy-desk.js';
import { runTurnsInProcess, type TurnRunner } from '../app/turn-runner.js';
import type { Participant } from '../approvals/account-request.js';
import { ALL_ACTION_IDS } from '../conversations/action-ids.js';
import { APOLOGY, type Message } from '../conversations/message.js';
import type { Place, TurnCommand, TurnInput, TurnResult } from '../conversations/turn.js';
import { createCourier, type Courier } from '../delivery/create-courier.js';
import type { Deliverer } from '../delivery/deliver-outbox.js';
import type { AttachmentReference } from '../reports/report.js';
import type { SlackConfig } from './read-slack-config.js';
import { coreActionId, renderBlockKit } from './render-block-kit.js';
import { createSlackDeliverer } from './slack-deliverer.js';
import { createMessagePoster } from './post-slack-message.js';
import { slackErrorCode } from './slack-api-error.js';
import { composeHomeView } from './compose-home-view.js';
import { FORM_MODAL_CALLBACK_ID, modalErrors, readModalSubmission, renderSlackModal } from './render-slack-modal.js';

export interface SlackAppOptions {
  /** Logs get what went wrong, never a token or a message's text. */
  logError: (error: unknown) => void;
  defaultCouncilId?: string | undefined;
  clock?: (() => Date) | undefined;
  /** Where turns run; in this thread unless given (main.ts gives a worker thread). */
  turns?: TurnRunner | undefined;
  /** The process's outbox loop, when it serves other platforms too; otherwise the app runs its own. */
  courier?: Courier | undefined;
  /** HTTP mode: false when another server passes requests to `handle` (Slack and Teams on one port). */
  listen?: boolean | undefined;
}

export interface SlackApp {
  bolt: App;
  /** HTTP mode: listens on the port (0 for any free one) and returns the server. Socket Mode: connects. */
  start(): Promise<Server | undefined>;
  stop(): Promise<void>;
  /** Sends whatever the outbox holds; also runs on a timer. */
  deliverNow(): Promise<void>;
  /** Sends outbox items to Slack users and channels. */
  deliverer: Deliverer;
  /** HTTP mode: one request to POST /slack/events. */
  handle(request: IncomingMessage, response: ServerResponse): void;
}

const SLACK_TIMESTAMP_TOLERANCE_S = 5 * 60;
const COMMANDS: Record<string, TurnCommand> = { request: 'request', report: 'report', status: 'status', help: 'help', '': 'help' };

/**
 * Policy Desk in Slack: DMs, mentions (answered in a thread), /policy, buttons and App Home, all through the
 * one conversation core. Interactive requests are acknowledged before any work; events are deduplicated.
 */
export function createSlackApp(desk: PolicyDesk, config: SlackConfig, options: SlackAppOptions): SlackApp {
  const clock = options.clock ?? (() => new Date());
  const turns = options.turns ?? runTurnsInProcess(desk.core);
  const logger = quietLogger(options.logError);
  const clientOptions = { slackApiUrl: config.apiUrl, retryConfig: { retries: 5, factor: 1.5, minTimeout: 200 } };
  const receiver = config.mode === 'http' ? new HTTPReceiver({ signingSecret: config.signingSecret, endpoints: '/slack/events', logger }) : undefined;
  const bolt =
    config.mode === 'http'
      ? new App({ token: config.botToken, receiver, logger, clientOptions, convoStore: false })
      : // The Socket Mode client opens its connection through installerOptions' Web API client: it needs SLACK_API_URL too.
        new App({ token: config.botToken, appToken: config.appToken, socketMode: true, logger, clientOptions, installerOptions: { clientOptions }, convoStore: false });
  const deliverer = createSlackDeliverer(bolt.client, desk.directories);
  // Replies, the bulk of what is sent, skip Bolt's Web API client; the outbox and everything else go through it.
  const poster = createMessagePoster({ token: config.botToken, apiUrl: config.apiUrl });
  const names = new Map<string, string>();

  const ownCourier = options.courier === undefined;
  const courier = options.courier ?? createCourier(desk, [deliverer], turns, { logError: options.logError, clock });
  const deliverNow = () => courier.deliverNow();

  const councilFor = (teamId: string | undefined): string | undefined =>
    (teamId !== undefined ? config.workspaces.get(teamId) : undefined) ?? options.defaultCouncilId ?? (desk.library.packs.size === 1 ? [...desk.library.packs.keys()][0] : undefined);

  const participantFor = async (userId: string, councilId: string): Promise<Participant> => {
    const person = desk.directories.get(councilId)?.findByIdentity('slack', userId);
    if (person) return { key: `slack:${userId}`, name: person.name, personId: person.id, channel: 'slack' };
    if (!names.has(userId)) {
      try {
        const info = await bolt.client.users.info({ user: userId });
        names.set(userId, info.user?.real_name || info.user?.name || userId);
      } catch (error) {
        options.logError(error);
        return { key: `slack:${userId}`, name: userId, channel: 'slack' };
      }
    }
    return { key: `slack:${userId}`, name: names.get(userId)!, channel: 'slack' };
  };

  const inFlight = new Set<Promise<void>>();
  // Replies are sent one per event-loop pass: between two, Node reads new requests and acknowledges them,
  // so a burst of answers coming back never holds an acknowledgement back.
  const waiting: (() => void)[] = [];
  const startNext = () => {
    waiting.shift()?.();
    if (waiting.length > 0) setImmediate(startNext);
  };
  const nextPass = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length === 1) setImmediate(startNext);
    });
  /**
   * Work done after the acknowledgement; the one place its failure is handled: the details to the log, a short apology to the user.
   * It never rejects, so listeners start it and return: awaiting it would keep Bolt's request context alive until the reply is sent.
   */
  const guard = (work: () => Promise<void>, reply: Reply): Promise<void> => {
    const running = work().catch(async (error: unknown) => {
      options.logError(error);
      await reply([APOLOGY]).catch(options.logError);
    });
    inFlight.add(running);
    return running.finally(() => inFlight.delete(running));
  };
  /** The core's result for one Slack turn, or undefined when the workspace has no council (the user has been told). */
  const askCore = async ({ teamId, userId, input, place, deliveryId }: SlackTurn, reply: Reply): Promise<TurnResult | undefined> => {
    const councilId = councilFor(teamId);
    if (councilId === undefined) {
      await reply([{ summary: 'Not set up', parts: [{ kind: 'text', text: 'This Slack workspace is not linked to a council yet. Please ask your administrator to set POLICY_DESK_COUNCIL or POLICY_DESK_SLACK_WORKSPACES.' }] }]);
      return undefined;
    }
    const participant = await participantFor(userId, councilId);
    return turns.handleTurn({ participant, councilId, input, place, deliveryId });
  };
  /** The core's replies to the user, then anything the turn put in the outbox for others. */
  const sendResult = async ({ replies, notified }: TurnResult, reply: Reply) => {
    await nextPass();
    await reply(replies);
    if (notified) await deliverNow();
  };
  const runTurn = async (request: SlackTurn, reply: Reply) => {
    const result = await askCore(request, reply);
    if (result && !result.duplicate) await sendResult(result, reply);
  };
  /** One turn through the core, after the acknowledgement has gone; the replies go back through `reply`, then the outbox is sent. */
  const takeTurn = (request: SlackTurn, reply: Reply): Promise<void> => guard(() => runTurn(request, reply), reply);
  /** The business case as a modal; if the trigger has expired, the same questions one at a time in the DM. */
  const openFormModal = async (request: SlackTurn, triggerId: string, reply: Reply) => {
    const result = await askCore({ ...request, input: { kind: 'command', command: 'request-form' } }, reply);
    if (!result) return;
    if (!result.form) return reply(result.replies);
    try {
      await bolt.client.views.open({ trigger_id: triggerId, view: renderSlackModal(result.form) });
    } catch (error) {
      if (slackErrorCode(error) !== 'expired_trigger_id') options.logError(error);
      await runTurn({ ...request, input: { kind: 'command', command: 'request' }, place: 'direct' }, post(request.userId));
    }
  };
  const post = (channel: string, threadTs?: string) => async (messages: Message[]) => {
    for (const message of messages) await poster.post({ channel, thread_ts: threadTs, unfurl_links: false, ...renderBlockKit(message) });
  };

  // Events carry event_id: the core records it with the turn's effect, so a retried event has one effect.
  bolt.event('message', async ({ event, body, context }) => {
    // Only people's own DMs (a file shared with words counts); edits, joins and bots' messages are not turns.
    const fromBot = 'bot_id' in event && Boolean(event.bot_id);
    const otherSubtype = 'subtype' in event && event.subtype !== undefined && event.subtype !== 'file_share';
    if (event.channel_type !== 'im' || otherSubtype || fromBot) return;
    const message = event as { user?: string; text?: string; channel: string; files?: { id: string; name?: string }[] };
    if (!message.user) return;
    const attachments: AttachmentReference[] = (message.files ?? []).map((file) => ({ name: file.name ?? 'file', ref: file.id }));
    void takeTurn({ teamId: context.teamId, userId: message.user, input: { kind: 'text', text: message.text ?? '', attachments }, place: 'direct', deliveryId: body.event_id }, post(message.channel));
  });

  bolt.event('app_mention', async ({ event, body, context }) => {
    if (!event.user) return;
    const text = event.text.replace(/<@[UW][A-Z0-9]+>/g, ' ').trim();
    void takeTurn({ teamId: context.teamId, userId: event.user, input: { kind: 'text', text }, place: 'channel', deliveryId: body.event_id }, post(event.channel, event.thread_ts ?? event.ts));
  });

  bolt.command('/policy', async ({ command, ack, respond }) => {
    await ack();
    const text = command.text.trim();
    const shortcut = COMMANDS[text.toLowerCase()];
    const place: Place = command.channel_id.startsWith('D') ? 'direct' : 'channel';
    const input: TurnInput = shortcut ? { kind: 'command', command: shortcut } : { kind: 'text', text };
    const request: SlackTurn = { teamId: command.team_id, userId: command.user_id, input, place };
    if (shortcut === 'request') void guard(() => openFormModal(request, command.trigger_id, replyPrivately(respond)), replyPrivately(respond));
    else void takeTurn(request, replyPrivately(respond));
  });

  bolt.action(new RegExp(`^(${ALL_ACTION_IDS.map((id) => id.replace(/\./g, '\\.')).join('|')})(#\\d+)?$`), async ({ action, body, ack, respond }) => {
    await ack();
    if (action.type !== 'button' || !('action_id' in action)) return;
    const channelId = body.channel?.id;
    const place: Place = channelId === undefined || channelId.startsWith('D') ? 'direct' : 'channel';
    // A press in App Home has no channel: the answer goes to the user's DM with the app.
    const reply = place === 'direct' ? post(channelId ?? body.user.id) : replyPrivately(respond);
    void takeTurn({ teamId: body.team?.id ?? undefined, userId: body.user.id, input: { kind: 'button', actionId: coreActionId(action.action_id), value: action.value ?? '' }, place }, reply);
  });

  // A submitted modal: refused answers go back onto the form by field; an accepted one is confirmed in the DM.
  bolt.view(FORM_MODAL_CALLBACK_ID, async ({ ack, body, view }) => {
    const submission = readModalSubmission(view);
    const userId = body.user.id;
    if (!submission) {
      await ack();
      void guard(() => post(userId)([{ summary: 'Form not read', parts: [{ kind: 'text', text: 'Sorry, that form could not be read. Please start again with /policy request.' }] }]), post(userId));
      return;
    }
    let result: TurnResult | undefined;
    try {
      result = await askCore({ teamId: body.team?.id, userId, input: { kind: 'form', ...submission }, place: 'direct' }, post(userId));
    } catch (error) {
      options.logError(error);
      const [firstField] = Object.keys(view.state.values);
      await ack(firstField ? { response_action: 'errors', errors: { [firstField]: 'Sorry, something went wrong on our side and nothing was saved. Please try again.' } } : undefined);
      return;
    }
    if (result?.formProblems) {
      await ack({ response_action: 'errors', errors: modalErrors(result.formProblems) });
      return;
    }
    await ack();
    if (result) void guard(() => sendResult(result, post(userId)), post(userId));
  });

  bolt.event('app_home_opened', async ({ event, context }) => {
    if (event.tab !== 'home') return;
    const councilId = councilFor(context.teamId);
    if (councilId === undefined) return;
    const participant = await participantFor(event.user, councilId);
    const { replies } = await turns.handleTurn({ participant, councilId, input: { kind: 'command', command: 'status' }, place: 'direct' });
    const help = (await turns.handleTurn({ participant, councilId, input: { kind: 'command', command: 'help' }, place: 'direct' })).replies;
    await bolt.client.views.publish({ user_id: event.user, view: composeHomeView([...help, ...replies]) });
  });

  bolt.error(async (error) => {
    options.logError(error);
  });

  // Bolt refuses old timestamps; this also refuses ones from the future, before anything is parsed.
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const timestamp = Number(request.headers['x-slack-request-timestamp']);
    if (!receiver || (Number.isFinite(timestamp) && timestamp - clock().getTime() / 1000 > SLACK_TIMESTAMP_TOLERANCE_S)) {
      response.writeHead(receiver ? 401 : 404).end();
      return;
    }
    receiver.requestListener(request, response);
  };
  let server: Server | undefined;
  return {
    bolt,
    deliverNow,
    deliverer,
    handle,
    async start() {
      if (ownCourier) courier.start();
      if (config.mode === 'socket') {
        await bolt.start();
        return undefined;
      }
      if (options.listen === false) return undefined;
      server = createServer(handle);
      await new Promise<void>((resolve) => server!.listen(config.port, resolve));
      return server;
    },
    async stop() {
      if (config.mode === 'socket') await bolt.stop();
      if (server) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
      }
      await Promise.allSettled([...inFlight]);
      poster.close();
      if (ownCourier) await courier.stop();
    },
  };
}

type Reply = (messages: Message[]) => Promise<void>;

/** One thing a Slack user did, as the core will take it. */
interface SlackTurn {
  teamId: string | undefined;
  userId: string;
  input: TurnInput;
  place: Place;
  deliveryId?: string | undefined;
}

/** Replies only the user sees, in the channel they acted in (through the response URL). */
function replyPrivately(respond: RespondFn): (messages: Message[]) => Promise<void> {
  return async (messages) => {
    for (const message of messages) await respond({ response_type: 'ephemeral', replace_original: false, ...renderBlockKit(message) });
  };
}

/** Bolt's logger, with everything but errors dropped and errors passed on without payloads. */
function quietLogger(logError: (error: unknown) => void): Logger {
  let level = LogLevel.ERROR;
  return {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (...messages: unknown[]) => logError(messages.find((message) => message instanceof Error) ?? new Error('Slack error')),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
