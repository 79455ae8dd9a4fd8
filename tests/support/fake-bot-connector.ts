import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { personalConversationIdFor } from './teams-activities.js';
import { readRequestBody } from './read-request-body.js';
import { waitForCondition } from './wait-for-condition.js';

type Json = Record<string, unknown>;

/**
 * Which Bot Connector operation a request was; the routes are those of botframework-connector's
 * ConnectorClient (lib/connectorApi/operations/conversations.js), the ones botbuilder's CloudAdapter and
 * TeamsInfo call.
 */
export type ConnectorCallKind =
  | 'send' //               POST   /v3/conversations/{conversationId}/activities
  | 'reply' //              POST   /v3/conversations/{conversationId}/activities/{activityId}
  | 'update' //             PUT    /v3/conversations/{conversationId}/activities/{activityId}
  | 'delete' //             DELETE /v3/conversations/{conversationId}/activities/{activityId}
  | 'createConversation' // POST   /v3/conversations
  | 'getMember' //          GET    /v3/conversations/{conversationId}/members/{memberId}
  | 'getMembers' //         GET    /v3/conversations/{conversationId}/members and …/pagedmembers
  | 'unknown';

/** One request the bot made, answered or refused. */
export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  /** The path after the serviceUrl's own prefix, from `/v3/` on, still URL-encoded. */
  path: string;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  /** The parsed JSON body, if any. */
  body?: Json;
  /** The Authorization header; absent when the adapter runs with authentication disabled. */
  authorization?: string;
  /** The status the stand-in answered. */
  status: number;
  /** The id the stand-in answered with (the new activity's or conversation's). */
  id?: string;
}

/** How to refuse a request. `code` and `message` default to what Teams documents for the status. */
export interface ConnectorFailure {
  status: number;
  retryAfter?: number;
  code?: string;
  message?: string;
}

/** A message as it now stands in Teams: the last version sent or updated. */
export interface PostedMessage {
  conversationId: string;
  id: string;
  activity: Json;
  deleted: boolean;
}

export interface TeamsMember {
  id: string;
  aadObjectId: string;
  name: string;
  givenName?: string;
  surname?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
  userRole?: string;
}

// From "Status codes from bot conversational APIs" (learn.microsoft.com/microsoftteams/platform/bots/how-to/
// conversations/conversation-messages). 503 and 504 have no code there; these are made up.
const TEAMS_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: 'BadArgument', message: 'Invalid request payload.' },
  401: { code: 'BotNotRegistered', message: 'No registration found for this bot.' },
  403: { code: 'BotNotInConversationRoster', message: "The bot isn't part of the conversation roster." },
  404: { code: 'ConversationNotFound', message: 'Conversation not found.' },
  412: { code: 'PreconditionFailed', message: 'Precondition failed, please try again.' },
  413: { code: 'MessageSizeTooBig', message: 'Message size too large.' },
  429: { code: 'Throttled', message: 'Too many requests.' },
  500: { code: 'ServiceError', message: 'Internal server error.' },
  502: { code: 'ServiceError', message: 'Service dependency issue.' },
  503: { code: 'ServiceUnavailable', message: 'Service is unavailable.' },
  504: { code: 'GatewayTimeout', message: 'Gateway Timeout.' },
};

/** What Teams answers when the bot opens a 1:1 chat with someone who has not installed the app. */
export const NOT_INSTALLED: ConnectorFailure = { status: 403, code: 'BadArgument', message: "Bot is not installed in user's personal scope" };

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * A local HTTP server in the place of the Bot Connector service (Teams' `serviceUrl`): it records every request,
 * answers like Teams, keeps each message's latest version, and can be told to refuse the next requests.
 * Its `serviceUrl` has a path prefix, like Teams' own (`https://smba.trafficmanager.net/amer/<tenant>/`).
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  private server: Server | undefined;
  private nextId = 1_741_083_300_000;
  private readonly failures = new Map<string, ConnectorFailure[]>();
  private readonly messages = new Map<string, PostedMessage>();
  private readonly members: TeamsMember[] = [];
  private readonly uninstalled = new Set<string>();
  private waiters: (() => void)[] = [];

  /** Listens on `port` (an ephemeral one by default); a restarted bot's stored serviceUrls need the same port again. */
  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => {
      void this.handle(request)
        .catch((error: unknown) => ({ status: 500, body: { error: { code: 'ServiceError', message: `stand-in failed: ${String(error)}` } }, headers: {} }))
        .then(({ status, body, headers }) => {
          response.writeHead(status, body === undefined ? { ...headers } : { 'content-type': 'application/json; charset=utf-8', ...headers });
          response.end(body === undefined ? undefined : JSON.stringify(body));
          for (const wake of this.waiters.splice(0)) wake();
        });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  /** Put this in incoming activities' `serviceUrl`. */
  get serviceUrl(): string {
    return `http://127.0.0.1:${this.port}/amer/`;
  }

  /**
   * The next `times` requests of this kind are refused. `sendOrReply` matches either way of posting a message.
   * botbuilder's HTTP pipeline retries 429 (and 503) with a Retry-After header, and 408/5xx other than
   * 501/505, up to 3 times: to make such an error reach the bot, refuse 4 times.
   */
  failNext(kind: ConnectorCallKind | 'sendOrReply', failure: ConnectorFailure, times = 1): void {
    this.failures.set(kind, [...(this.failures.get(kind) ?? []), ...Array.from({ length: times }, () => failure)]);
  }

  /** The next `times` messages posted into this conversation are refused, whatever else is posted meanwhile. */
  failNextIn(conversationId: string, failure: ConnectorFailure, times = 1): void {
    this.failNext(`in:${conversationId}` as ConnectorCallKind, failure, times);
  }

  /** Opening a 1:1 chat with this user (29: id or AAD object id) is refused as Teams does when the app is not installed. */
  notInstalledFor(...userIds: string[]): void {
    for (const id of userIds) this.uninstalled.add(id);
  }

  /** The app installed for them after all: opening a chat with them works again. */
  installedFor(...userIds: string[]): void {
    for (const id of userIds) this.uninstalled.delete(id);
  }

  /** A person TeamsInfo.getMember / getMembers can find (by 29: id or AAD object id). */
  addMember(member: TeamsMember): void {
    this.members.push(member);
  }

  /** Messages posted (sent or replied) to the conversation, in order, as first posted. */
  sentTo(conversationId: string): ConnectorCall[] {
    return this.answered(['send', 'reply'], conversationId);
  }

  /** Every message posted anywhere, in order. */
  sent(): ConnectorCall[] {
    return this.answered(['send', 'reply']);
  }

  updates(conversationId?: string): ConnectorCall[] {
    return this.answered(['update'], conversationId);
  }

  deletes(conversationId?: string): ConnectorCall[] {
    return this.answered(['delete'], conversationId);
  }

  createdConversations(): ConnectorCall[] {
    return this.answered(['createConversation']);
  }

  /** Every request of a kind, refused ones included (to count retries). */
  attempts(kind: ConnectorCallKind): ConnectorCall[] {
    return this.calls.filter((call) => call.kind === kind);
  }

  /** The message as it now stands, after any updates; undefined if the stand-in never saw it. */
  message(conversationId: string, activityId: string): PostedMessage | undefined {
    return this.messages.get(key(conversationId, activityId));
  }

  /** The Adaptive Cards in a posted message or an activity: the attachments' `content`. */
  cardsIn(callOrActivity: ConnectorCall | Json | undefined): Json[] {
    const activity = callOrActivity && 'kind' in callOrActivity && 'status' in callOrActivity ? (callOrActivity as ConnectorCall).body : (callOrActivity as Json | undefined);
    const attachments = (activity?.attachments ?? []) as { contentType?: string; content?: Json }[];
    return attachments.filter((attachment) => attachment.contentType === ADAPTIVE_CARD).map((attachment) => attachment.content ?? {});
  }

  /** Waits until the condition holds over what has been recorded (checked after every request). */
  async waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    await waitForCondition(condition, this.waiters, 'the bot to call the stand-in Bot Connector', timeoutMs);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answered(kinds: ConnectorCallKind[], conversationId?: string): ConnectorCall[] {
    return this.calls.filter((call) => call.status < 300 && kinds.includes(call.kind) && (conversationId === undefined || call.conversationId === conversationId));
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    const raw = await readRequestBody(request);
    const call = route(request.method ?? 'GET', request.url ?? '/');
    if (raw !== '') call.body = parseBody(raw);
    if (request.headers.authorization !== undefined) call.authorization = request.headers.authorization;
    this.calls.push(call);

    const failure = this.takeFailure(call) ?? this.refusal(call);
    if (failure) {
      call.status = failure.status;
      const known = TEAMS_ERRORS[failure.status] ?? { code: 'ServiceError', message: 'Error.' };
      const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
      return { status: failure.status, headers, body: { error: { code: failure.code ?? known.code, message: failure.message ?? known.message } } };
    }
    return this.answer(call);
  }

  private takeFailure(call: ConnectorCall): ConnectorFailure | undefined {
    const posting = call.kind === 'send' || call.kind === 'reply';
    return (
      (posting ? this.failures.get(`in:${call.conversationId}`)?.shift() : undefined) ??
      this.failures.get(call.kind)?.shift() ??
      (posting ? this.failures.get('sendOrReply')?.shift() : undefined)
    );
  }

  /** Refusals that follow from the stand-in's state rather than from failNext. */
  private refusal(call: ConnectorCall): ConnectorFailure | undefined {
    if ((call.kind === 'update' || call.kind === 'delete') && !this.messages.has(key(call.conversationId!, call.activityId!))) {
      return { status: 404, code: 'ActivityNotFoundInConversation', message: 'Conversation not found.' };
    }
    if (call.kind === 'createConversation') {
      const wanted = ((call.body?.members ?? []) as { id?: string }[]).map((member) => member.id ?? '');
      if (wanted.some((id) => this.uninstalled.has(id) || this.uninstalled.has(this.findMember(id)?.id ?? '') || this.uninstalled.has(this.findMember(id)?.aadObjectId ?? ''))) return NOT_INSTALLED;
    }
    if (call.kind === 'getMember' && !this.findMember(call.memberId!)) {
      return { status: 404, code: 'MemberNotFoundInConversation', message: 'The member was not found in the conversation.' };
    }
    if (call.kind === 'unknown') return { status: 404, code: 'NotFound', message: `The stand-in Bot Connector has no route for ${call.method} ${call.path}.` };
    return undefined;
  }

  private answer(call: ConnectorCall): { status: number; body?: unknown } {
    switch (call.kind) {
      case 'send':
      case 'reply': {
        call.id = this.newId();
        this.messages.set(key(call.conversationId!, call.id), { conversationId: call.conversationId!, id: call.id, activity: { ...call.body, id: call.id }, deleted: false });
        call.status = 201;
        return { status: 201, body: { id: call.id } };
      }
      case 'update': {
        const stored = this.messages.get(key(call.conversationId!, call.activityId!))!;
        stored.activity = { ...call.body, id: call.activityId };
        call.id = call.activityId;
        call.status = 200;
        return { status: 200, body: { id: call.activityId } };
      }
      case 'delete':
        this.messages.get(key(call.conversationId!, call.activityId!))!.deleted = true;
        call.status = 200;
        return { status: 200 };
      case 'createConversation':
        return this.createConversation(call);
      case 'getMember':
        call.status = 200;
        return { status: 200, body: this.findMember(call.memberId!) };
      case 'getMembers':
        call.status = 200;
        return { status: 200, body: call.path.includes('/pagedmembers') ? { members: this.members } : this.members };
      default:
        throw new Error(`unrouted ${call.kind}`);
    }
  }

  /** A 1:1 chat: Teams answers with the existing chat's id when there is one, so the id depends only on the user. */
  private createConversation(call: ConnectorCall): { status: number; body: unknown } {
    const [first] = (call.body?.members ?? []) as { id?: string }[];
    const userId = this.findMember(first?.id ?? '')?.id ?? first?.id ?? 'nobody';
    call.id = personalConversationIdFor(userId);
    call.conversationId = call.id;
    call.status = 201;
    const initial = call.body?.activity as Json | undefined;
    if (!initial) return { status: 201, body: { id: call.id } };
    const activityId = this.newId();
    this.messages.set(key(call.id, activityId), { conversationId: call.id, id: activityId, activity: { ...initial, id: activityId }, deleted: false });
    return { status: 201, body: { id: call.id, activityId } };
  }

  private findMember(id: string): TeamsMember | undefined {
    return this.members.find((member) => member.id === id || member.aadObjectId === id);
  }

  private newId(): string {
    this.nextId += 1;
    return String(this.nextId);
  }
}

function key(conversationId: string, activityId: string): string {
  return `${conversationId}\n${activityId}`;
}

/** Reads the operation from the URL, whatever prefix the serviceUrl had before `/v3/`. */
function route(method: string, url: string): ConnectorCall {
  const pathname = url.split('?')[0]!;
  const at = pathname.indexOf('/v3/');
  const path = at === -1 ? pathname : pathname.slice(at);
  const call: ConnectorCall = { kind: 'unknown', method, path, status: 0 };
  const [v3, conversations, conversationId, collection, itemId, extra] = path.split('/').slice(1).map(decodeURIComponent);
  if (v3 !== 'v3' || conversations !== 'conversations') return call;
  if (conversationId === undefined || conversationId === '') {
    if (method === 'POST') call.kind = 'createConversation';
    return call;
  }
  call.conversationId = conversationId;
  if (collection === 'activities' && extra === undefined) {
    if (itemId === undefined && method === 'POST') call.kind = 'send';
    else if (itemId !== undefined && itemId !== 'history') {
      call.activityId = itemId;
      call.kind = method === 'POST' ? 'reply' : method === 'PUT' ? 'update' : method === 'DELETE' ? 'delete' : 'unknown';
    }
  } else if ((collection === 'members' || collection === 'pagedmembers') && method === 'GET' && extra === undefined) {
    if (itemId === undefined) call.kind = 'getMembers';
    else if (collection === 'members') {
      call.memberId = itemId;
      call.kind = 'getMember';
    }
  }
  return call;
}

function parseBody(raw: string): Json {
  try {
    return JSON.parse(raw) as Json;
  } catch {
    return { unparsed: raw };
  }
}

