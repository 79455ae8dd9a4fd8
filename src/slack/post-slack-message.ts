import { Agent as HttpAgent, request as httpRequest, type RequestOptions, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { urlToHttpOptions } from 'node:url';
import type { types } from '@slack/bolt';
import { SlackApiError } from './slack-api-error.js';

/** A reply as Policy Desk posts it: rendered Block Kit to a DM or a thread. */
export interface SlackMessage {
  channel: string;
  text: string;
  blocks: types.KnownBlock[];
  thread_ts?: string | undefined;
  unfurl_links?: boolean | undefined;
}

export interface MessagePoster {
  /** Resolves once Slack has the message; rejects with a SlackApiError when it never will. */
  post(message: SlackMessage): Promise<{ channel: string; ts: string }>;
  /** Closes the kept-alive connections. */
  close(): void;
}

export interface MessagePosterOptions {
  token: string;
  /** SLACK_API_URL, ending in "/"; Slack's own when not given. */
  apiUrl?: string | undefined;
  /** Tests pass one that does not really wait. */
  wait?: ((ms: number) => Promise<void>) | undefined;
}

const METHOD = 'chat.postMessage';
const MAX_RETRIES = 5;
// Connection errors and 5xx: the same backoff as the Web API client's retry settings in create-slack-app.ts.
const BACKOFF_MS = 200;
const BACKOFF_FACTOR = 1.5;
/** Slack always sends Retry-After with a 429; this is only for an answer that lacks it. */
const DEFAULT_RETRY_AFTER_S = 1;
const MAX_SOCKETS = 100;

interface RawResponse {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/**
 * chat.postMessage over node:http(s) with kept-alive connections and a JSON body. Replies are most of what the
 * main thread sends, and Bolt's Web API client (form encoding, fetch, debug strings built even when not logged)
 * cost it about 0.3 ms more a reply in a profile. A 429 holds back every post for Retry-After, then the same
 * message is sent again: Slack refused it, so it is neither lost nor doubled.
 */
export function createMessagePoster({ token, apiUrl = 'https://slack.com/api/', wait = delay }: MessagePosterOptions): MessagePoster {
  const url = new URL(`${apiUrl}${METHOD}`);
  const secure = url.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }) : new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const request: (options: RequestOptions, onResponse: (response: IncomingMessage) => void) => ClientRequest = secure ? httpsRequest : httpRequest;
  const target: RequestOptions = { ...urlToHttpOptions(url), agent, method: 'POST' };
  const authorization = `Bearer ${token}`;
  let rateLimited: Promise<void> = Promise.resolve();

  const send = (body: string): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), Authorization: authorization };
      const outgoing = request({ ...target, headers }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], body: text }));
        response.on('error', reject);
        response.on('close', () => {
          if (!response.complete) reject(Object.assign(new Error('response cut short'), { code: 'ECONNRESET' }));
        });
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  return {
    async post(message) {
      const body = JSON.stringify(message);
      for (let attempt = 0; ; attempt += 1) {
        await rateLimited;
        const last = attempt >= MAX_RETRIES;
        let response: RawResponse;
        try {
          response = await send(body);
        } catch (error) {
          if (last) throw new SlackApiError('SLACK_HTTP_ERROR', METHOD, connectionErrorCode(error));
          await wait(BACKOFF_MS * BACKOFF_FACTOR ** attempt);
          continue;
        }
        if (response.status === 429) {
          const seconds = retryAfterSeconds(response.retryAfter);
          if (last) throw new SlackApiError('SLACK_RATE_LIMITED', METHOD, 'ratelimited', seconds);
          // The limit is the app's, not this message's: every post waits it out.
          rateLimited = wait(seconds * 1000);
          continue;
        }
        if (response.status >= 500 && !last) {
          await wait(BACKOFF_MS * BACKOFF_FACTOR ** attempt);
          continue;
        }
        return readResult(response);
      }
    },
    close() {
      agent.destroy();
    },
  };
}

function readResult({ status, body }: RawResponse): { channel: string; ts: string } {
  if (status !== 200) throw new SlackApiError('SLACK_HTTP_ERROR', METHOD, `http_${status}`);
  let result: { ok?: unknown; error?: unknown; channel?: unknown; ts?: unknown };
  try {
    result = JSON.parse(body) as typeof result;
  } catch {
    throw new SlackApiError('SLACK_HTTP_ERROR', METHOD, 'invalid_response');
  }
  if (result.ok !== true) throw new SlackApiError('SLACK_API_ERROR', METHOD, typeof result.error === 'string' ? result.error : 'unknown_error');
  return { channel: String(result.channel), ts: String(result.ts) };
}

function retryAfterSeconds(header: string | undefined): number {
  const seconds = Number(header);
  return header !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_RETRY_AFTER_S;
}

/** The error's code ("ECONNRESET") only: a message could name the host, which is not the log's business. */
function connectionErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'request_failed';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
