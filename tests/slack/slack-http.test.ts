import { afterEach, describe, expect, it } from 'vitest';
import { findBlockKitViolations } from '../../src/slack/block-kit-limits.js';
import { directMessage, eventCallback, slashCommand } from '../support/signed-slack-request.js';
import { SIGNING_SECRET, SlackHarness, textOf } from '../support/slack-harness.js';

const ROBIN = 'U0DEMO0001'; // Dacorum demo directory: a countryside officer

let slack: SlackHarness;
afterEach(async () => {
  // Every payload sent to Slack in any test must be one Slack would accept.
  for (const call of slack.api.calls.filter((made) => made.method.startsWith('chat.'))) {
    expect(findBlockKitViolations(call.args as { blocks?: unknown[] }), call.method).toEqual([]);
  }
  for (const response of slack.api.responses) expect(findBlockKitViolations(response.body as { blocks?: unknown[] })).toEqual([]);
  await slack.stop();
});

describe('the Slack app over HTTP', () => {
  it('answers the URL verification challenge', async () => {
    slack = await new SlackHarness('dacorum').start();
    const response = await slack.send({ contentType: 'application/json', body: JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'legacy' }) });
    expect(response.status).toBe(200);
    expect(response.body).toContain('c-123');
  });

  it('answers a question in a direct message with the verdict and the quoted clause', async () => {
    slack = await new SlackHarness('dacorum').start();
    const [reply] = await slack.dm(ROBIN, 'can I post photos of residents?');
    expect(reply!.method).toBe('chat.postMessage');
    expect(textOf(reply!)).toContain('written consent must be obtained if posting photographs of residents');
    expect(textOf(reply!)).toContain('2.2(d)');
  });

  it.each([
    ['a forged signature', { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' }],
    ['no signature', { secret: undefined }],
    ['a signature made with another secret', { secret: 'not-the-secret' }],
    ['a timestamp ten minutes old', { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) - 600 }],
    ['a timestamp ten minutes in the future', { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) + 600 }],
  ])('refuses %s with 401 and does nothing', async (_what, options) => {
    slack = await new SlackHarness('dacorum').start();
    const response = await slack.send(directMessage(ROBIN, 'can I post photos of residents?', 'EvForged1'), options);
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.api.callsTo('chat.postMessage')).toEqual([]);
    expect(slack.desk.database.prepare('SELECT COUNT(*) AS n FROM seen_events').get()).toEqual({ n: 0 });
  });

  it('gives a retried event exactly one effect', async () => {
    slack = await new SlackHarness('dacorum').start();
    const event = directMessage(ROBIN, 'can I tweet about the election?', 'EvRetried1');
    await slack.send(event);
    await slack.api.waitFor(() => slack.api.callsTo('chat.postMessage').length === 1);
    const retry = await slack.send(event, { secret: SIGNING_SECRET, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('answers /policy <question> ephemerally, through the response URL', async () => {
    slack = await new SlackHarness('dacorum').start();
    const response = await slack.send(slashCommand(ROBIN, 'can I post photos of residents?', 'C0GENERAL1', slack.api.responseUrl('cmd1')));
    expect(response.status).toBe(200);
    await slack.api.waitFor(() => slack.api.responses.length > 0);
    expect(slack.api.responses[0]!.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(slack.api.responses[0]!.body)).toContain('photographs of residents');
    expect(slack.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('answers a mention in a channel in a thread', async () => {
    slack = await new SlackHarness('dacorum').start();
    await slack.send(eventCallback({ type: 'app_mention', user: ROBIN, text: '<@UBOT> can I post photos of residents?', channel: 'C0GENERAL1', ts: '1700000000.000200', event_ts: '1700000000.000200' }, 'EvMention1'));
    await slack.api.waitFor(() => slack.api.callsTo('chat.postMessage').length === 1);
    const [reply] = slack.api.callsTo('chat.postMessage');
    expect(reply!.args.channel).toBe('C0GENERAL1');
    expect(reply!.args.thread_ts).toBe('1700000000.000200');
  });

  it('retries a message the Web API rate-limited, honouring Retry-After, and sends it once', async () => {
    slack = await new SlackHarness('dacorum').start();
    slack.api.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    await slack.dm(ROBIN, 'can I post photos of residents?');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(slack.api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('tells the user sorry when Slack refuses a reply, and logs the failure without the conversation', async () => {
    slack = await new SlackHarness('dacorum').start();
    slack.api.failNext('chat.postMessage', { status: 200, error: 'internal_error' });
    const [apology] = await slack.dm(ROBIN, 'can I post photos of residents?');
    expect(textOf(apology!)).toContain('Sorry, something went wrong');
    expect(slack.api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.errors).toHaveLength(1);
    const logged = slack.errors.map((error) => `${String(error)} ${JSON.stringify(error)}`).join('\n');
    expect(logged).toContain('internal_error');
    expect(logged).not.toMatch(/photos of residents|photographs of residents/);
  });

  it('records 👍 / 👎 once per answer: a second press changes that answer’s vote instead of adding one', async () => {
    slack = await new SlackHarness('dacorum').start();
    const votes = () => slack.desk.database.prepare('SELECT clause_id AS clause, helpful FROM answer_feedback ORDER BY id').all();
    await slack.dm(ROBIN, 'can I post photos of residents?');
    await slack.press(ROBIN, '👍 Helpful');
    await slack.press(ROBIN, '👍 Helpful');
    expect(votes()).toEqual([{ clause: expect.stringMatching(/^dacorum-/), helpful: 1 }]);
    await slack.press(ROBIN, '👎 Not helpful');
    expect(votes()).toEqual([{ clause: expect.stringMatching(/^dacorum-/), helpful: 0 }]);
    await slack.dm(ROBIN, 'can I tweet about the election?');
    await slack.press(ROBIN, '👍 Helpful');
    expect(votes()).toHaveLength(2);
  });
});
