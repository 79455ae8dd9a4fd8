import { createHmac } from 'node:crypto';

export interface SlackRequest {
  body: string;
  contentType: string;
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>"). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Posts to the app's /slack/events as Slack would: signed with the secret (or not, or wrongly, for the tests that need it). */
export async function sendToSlackApp(
  port: number,
  request: SlackRequest,
  options: { secret?: string | undefined; timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': request.contentType, 'x-slack-request-timestamp': String(timestamp), ...options.headers };
  const signature = options.signature ?? (options.secret === undefined ? undefined : slackSignature(options.secret, timestamp, request.body));
  if (signature !== undefined) headers['x-slack-signature'] = signature;
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers, body: request.body });
  return { status: response.status, body: await response.text() };
}

/** An Events API delivery (event_callback), JSON. */
export function eventCallback(event: Record<string, unknown>, eventId: string, teamId = 'T0DEMO'): SlackRequest {
  return {
    contentType: 'application/json',
    body: JSON.stringify({ token: 'legacy', team_id: teamId, api_app_id: 'A0DEMO', event, type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: teamId, user_id: 'UBOT', is_bot: true }] }),
  };
}

/** A direct message from a user to the app, as message.im delivers it. */
export function directMessage(userId: string, text: string, eventId: string, extra: Record<string, unknown> = {}): SlackRequest {
  return eventCallback({ type: 'message', channel_type: 'im', channel: `D${userId.slice(1)}`, user: userId, text, ts: `${Date.now() / 1000}`, event_ts: `${Date.now() / 1000}`, ...extra }, eventId);
}

/** A slash command, form-encoded as Slack sends it. */
export function slashCommand(userId: string, text: string, channelId: string, responseUrl: string, teamId = 'T0DEMO'): SlackRequest {
  const fields = { token: 'legacy', team_id: teamId, team_domain: 'demo', channel_id: channelId, channel_name: channelId.startsWith('D') ? 'directmessage' : 'general', user_id: userId, user_name: 'someone', command: '/policy', text, api_app_id: 'A0DEMO', response_url: responseUrl, trigger_id: '1.2.3' };
  return { contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(fields).toString() };
}

/** A button press (block_actions), form-encoded with its JSON in "payload". */
export function buttonPress(userId: string, channelId: string, button: { action_id: string; value: string }, responseUrl: string, teamId = 'T0DEMO'): SlackRequest {
  const payload = {
    type: 'block_actions',
    user: { id: userId, username: 'someone', team_id: teamId },
    api_app_id: 'A0DEMO',
    token: 'legacy',
    container: { type: 'message', message_ts: '1.1', channel_id: channelId, is_ephemeral: false },
    trigger_id: '1.2.3',
    team: { id: teamId, domain: 'demo' },
    channel: { id: channelId, name: 'directmessage' },
    response_url: responseUrl,
    actions: [{ type: 'button', block_id: 'b1', action_id: button.action_id, value: button.value, text: { type: 'plain_text', text: 'x' }, action_ts: `${Date.now() / 1000}` }],
  };
  return { contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() };
}

/** A modal submitted (view_submission), form-encoded with its JSON in "payload"; `values` are block id → input state. */
export function viewSubmission(userId: string, view: { callback_id: string; private_metadata?: string }, values: Record<string, Record<string, unknown>>, teamId = 'T0DEMO'): SlackRequest {
  const payload = {
    type: 'view_submission',
    team: { id: teamId, domain: 'demo' },
    user: { id: userId, username: 'someone', name: 'someone', team_id: teamId },
    api_app_id: 'A0DEMO',
    token: 'legacy',
    trigger_id: '4.5.6',
    view: {
      id: 'V0FORM',
      team_id: teamId,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata ?? '',
      state: { values },
      hash: '1.abc',
      app_id: 'A0DEMO',
      bot_id: 'B0BOT',
    },
    response_urls: [],
  };
  return { contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() };
}
