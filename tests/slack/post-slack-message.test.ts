import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessagePoster, type MessagePoster, type SlackMessage } from '../../src/slack/post-slack-message.js';
import { SlackApiError } from '../../src/slack/slack-api-error.js';
import { readRequestBody } from '../support/read-request-body.js';

const TOKEN = 'xoxb-test-token';
const MESSAGE: SlackMessage = { channel: 'D0DEMO0001', text: 'Written consent is needed', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Written consent is needed' } }], unfurl_links: false };

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in Web API that answers each request with the next scripted answer (then ok), recording what it was sent. */
class ScriptedSlackApi {
  readonly received: Received[] = [];
  connections = 0;
  private readonly server: Server;
  private readonly script: { status: number; body: unknown; headers?: Record<string, string> }[] = [];

  constructor() {
    this.server = createServer((request, response) => {
      void readRequestBody(request).then((body) => {
        this.received.push({ path: request.url ?? '', headers: request.headers, body });
        const next = this.script.shift() ?? { status: 200, body: { ok: true, channel: 'D0DEMO0001', ts: `1700000000.00010${this.received.length}` } };
        response.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(JSON.stringify(next.body));
      });
    });
    this.server.on('connection', () => (this.connections += 1));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  answerNext(status: number, body: unknown, headers?: Record<string, string>): void {
    this.script.push({ status, body, headers });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let api: ScriptedSlackApi;
let poster: MessagePoster;
let waits: number[];
/** Waits are recorded instead of slept, so a test says how long without taking that long. */
async function start(wait: (ms: number) => Promise<void> = async (ms) => void waits.push(ms)): Promise<void> {
  api = new ScriptedSlackApi();
  waits = [];
  poster = createMessagePoster({ token: TOKEN, apiUrl: await api.start(), wait });
}
afterEach(async () => {
  poster.close();
  await api.stop();
});

describe('posting a reply to the Web API', () => {
  it('posts the message as JSON with the bot token as a bearer token, over one kept-alive connection', async () => {
    await start();
    expect(await poster.post(MESSAGE)).toEqual({ channel: 'D0DEMO0001', ts: '1700000000.000101' });
    await poster.post({ ...MESSAGE, thread_ts: '1700000000.000200' });
    const [first, second] = api.received;
    expect(first!.path).toBe('/api/chat.postMessage');
    expect(first!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(first!.body)).toEqual(MESSAGE);
    expect(JSON.parse(second!.body)).toMatchObject({ thread_ts: '1700000000.000200' });
    expect(api.connections).toBe(1);
  });

  it('waits out a 429 for Retry-After, then sends the same message once more', async () => {
    await start();
    api.answerNext(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '3' });
    await poster.post(MESSAGE);
    expect(waits).toEqual([3000]);
    expect(api.received).toHaveLength(2);
    expect(api.received[1]!.body).toBe(api.received[0]!.body);
  });

  it('holds back other messages while rate-limited', async () => {
    let release!: () => void;
    const rateLimit = new Promise<void>((resolve) => (release = resolve));
    await start(() => rateLimit);
    api.answerNext(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    const first = poster.post(MESSAGE);
    await waitUntil(() => api.received.length === 1);
    const second = poster.post({ ...MESSAGE, channel: 'D0DEMO0002' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.received).toHaveLength(1);
    release();
    await Promise.all([first, second]);
    expect(api.received.map((request) => (JSON.parse(request.body) as SlackMessage).channel).sort()).toEqual(['D0DEMO0001', 'D0DEMO0001', 'D0DEMO0002']);
  });

  it('retries a server error after a short backoff', async () => {
    await start();
    api.answerNext(503, { ok: false, error: 'service_unavailable' });
    await poster.post(MESSAGE);
    expect(waits).toEqual([200]);
    expect(api.received).toHaveLength(2);
  });

  it("surfaces Slack's ok:false as a SlackApiError naming Slack's error, not the token or the message", async () => {
    await start();
    api.answerNext(200, { ok: false, error: 'channel_not_found' });
    const error = await poster.post(MESSAGE).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(SlackApiError);
    expect(error).toMatchObject({ code: 'SLACK_API_ERROR', method: 'chat.postMessage', slackError: 'channel_not_found' });
    const logged = `${String(error)} ${JSON.stringify(error)}`;
    expect(logged).toContain('channel_not_found');
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain('consent');
    expect(api.received).toHaveLength(1);
  });

  it('gives up on a rate limit that never lifts, saying so', async () => {
    await start();
    for (let attempt = 0; attempt < 6; attempt += 1) api.answerNext(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '2' });
    await expect(poster.post(MESSAGE)).rejects.toMatchObject({ code: 'SLACK_RATE_LIMITED', retryAfter: 2 });
    expect(waits).toEqual([2000, 2000, 2000, 2000, 2000]);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
