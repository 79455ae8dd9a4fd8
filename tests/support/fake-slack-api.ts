import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequestBody } from './read-request-body.js';
import { waitForCondition } from './wait-for-condition.js';

/** One call the app made to the stand-in Web API, with its arguments decoded. */
export interface SlackApiCall {
  method: string;
  args: Record<string, unknown>;
}

/** A response_url post (an ephemeral reply to a slash command or button). */
export interface ResponseUrlPost {
  path: string;
  body: Record<string, unknown>;
}

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

/**
 * A local HTTP server in the place of slack.com/api (through SLACK_API_URL): it records every call, answers
 * like Slack, and can be told to answer the next calls to a method with a 429 or an error.
 */
export class FakeSlackApi {
  readonly calls: SlackApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  private server: Server | undefined;
  private nextTs = 1_700_000_000;
  private readonly failures = new Map<string, { status: number; retryAfter?: number; error?: string }[]>();
  private waiters: (() => void)[] = [];
  private readonly counts = new Map<string, number>();
  /** What apps.connections.open hands a Socket Mode client: the stand-in WebSocket server's URL. */
  socketModeUrl = 'ws://127.0.0.1:9/';

  /** `recordCalls: false` (the benchmark) only counts calls, as Slack's own servers cost this machine nothing. */
  constructor(private readonly options: { recordCalls?: boolean } = {}) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, body, headers }) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url the stand-in accepts, as Slack puts in slash commands and interactive payloads. */
  responseUrl(name: string): string {
    return `http://127.0.0.1:${this.port}/respond/${name}`;
  }

  /** The next `times` calls to `method` fail: 429 with Retry-After, or Slack's ok:false error. */
  private readonly rejected = new Map<string, string>();

  failNext(method: string, failure: { status: number; retryAfter?: number; error?: string }, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
  }

  /** Posts to this user or channel answer Slack's `error` (such as "user_not_found") until `acceptChannel`. */
  rejectChannel(channel: string, error: string): void {
    this.rejected.set(channel, error);
  }

  acceptChannel(channel: string): void {
    this.rejected.delete(channel);
  }

  callsTo(method: string): SlackApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Waits until the condition holds over what has been recorded (checked after every request). */
  async waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    await waitForCondition(condition, this.waiters, 'the app to call the stand-in Slack API', timeoutMs);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const raw = await readRequestBody(request);
    const path = request.url ?? '/';
    if (path.startsWith('/respond/')) {
      this.responses.push({ path, body: JSON.parse(raw) as Record<string, unknown> });
      return { status: 200, body: { ok: true } };
    }
    if (path.startsWith('/count/')) return { status: 200, body: { count: this.counts.get(path.slice('/count/'.length)) ?? 0 } };
    const method = path.replace(/^\/api\//, '').split('?')[0]!;
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      if (failure.status === 429) return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(failure.retryAfter ?? 1) } };
      return { status: failure.status, body: { ok: false, error: failure.error ?? 'internal_error' } };
    }
    if (method === 'chat.postMessage' && this.rejected.size > 0) {
      const refusal = this.rejected.get(String(decodeArgs(raw, request.headers['content-type'] ?? '').channel));
      if (refusal) return { status: 200, body: { ok: false, error: refusal } };
    }
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    const args = this.options.recordCalls === false ? {} : decodeArgs(raw, request.headers['content-type'] ?? '');
    if (this.options.recordCalls !== false) this.calls.push({ method, args });
    switch (method) {
      case 'auth.test':
        return { status: 200, body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0DEMO', user: 'policy-desk' } };
      case 'chat.postMessage':
        this.nextTs += 1;
        return { status: 200, body: { ok: true, channel: String(args.channel).startsWith('U') ? `D${String(args.channel).slice(1)}` : args.channel, ts: `${this.nextTs}.000100` } };
      case 'apps.connections.open':
        return { status: 200, body: { ok: true, url: this.socketModeUrl } };
      case 'users.info':
        return { status: 200, body: { ok: true, user: { id: args.user, name: 'someone', real_name: `Slack user ${String(args.user)}` } } };
      default:
        return { status: 200, body: { ok: true, channel: args.channel, ts: args.ts } };
    }
  }
}


function decodeArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) args[key] = JSON_FIELDS.has(key) ? (JSON.parse(value) as unknown) : value;
  return args;
}
