/**
 * Incoming activities shaped like the ones Microsoft Teams posts to a bot's messaging endpoint, as JSON on the
 * wire (timestamps are strings). Field by field they follow payloads captured from Teams: the Microsoft Teams
 * docs (bots/how-to/conversations/subscribe-to-conversation-events.md, conversation-messages.md) and the
 * invoke and channel-mention captures in microsoft/teams.net's TeamsActivityTests.cs.
 *
 * Every builder takes a `TeamsParties` (who is talking to whom, in which tenant, through which serviceUrl) and
 * the ids and text of the one activity. Nothing is built from today's date.
 */

/** An activity as Teams sends it: plain JSON. */
export type TeamsActivity = Record<string, unknown> & { type: string; id: string; serviceUrl: string };

export interface TeamsUser {
  /** The user's id for this bot, `29:…`; unique per bot and user. */
  id: string;
  /** The user's Entra (AAD) object id. */
  aadObjectId: string;
  name: string;
}

export interface TeamsParties {
  /** Where replies go: the stand-in's `serviceUrl` in tests, `https://smba.trafficmanager.net/<region>/<tenant>/` live. */
  serviceUrl: string;
  tenantId: string;
  /** The bot's Microsoft App Id; Teams addresses the bot as `28:<appId>`. */
  appId: string;
  botName: string;
  user: TeamsUser;
}

export const DEMO_TENANT_ID = '6f1c1d6a-0d5e-4b8e-9a57-2c8d0c0b7a11';
export const DEMO_APP_ID = '0b6fe6d1-fece-44f7-9a48-56465e2d5ab8';
export const DEMO_USER: TeamsUser = {
  id: '29:1uMVvhoAyfTqdMsyvHL0qlJTTfQF9MOUSI8_cQts2kdSWEZVDyJO2jz-CsNOhQcdYq1Bw4cHT0',
  aadObjectId: 'c5e99701-2a32-49c1-a660-4629ceeb8c61',
  name: 'Robin Ashdown',
};
/** A fixed instant for every fixture, so no test depends on the day it runs. */
export const FIXTURE_TIME = '2025-03-04T10:15:00.000Z';

/** The parties of the demo tenant, talking through `serviceUrl`. */
export function teamsParties(serviceUrl: string, overrides: Partial<TeamsParties> = {}): TeamsParties {
  return { serviceUrl, tenantId: DEMO_TENANT_ID, appId: DEMO_APP_ID, botName: 'Policy Desk', user: DEMO_USER, ...overrides };
}

/** The bot's account as Teams puts it in `recipient`. */
export function botAccount(parties: TeamsParties): { id: string; name: string } {
  return { id: `28:${parties.appId}`, name: parties.botName };
}

/** The id Teams gives the personal (1:1) chat between the bot and a user: `a:1…`, the same every time. */
export function personalConversationIdFor(userId: string): string {
  return `a:1${Buffer.from(userId).toString('base64url')}`;
}

function from(user: TeamsUser): Record<string, string> {
  return { id: user.id, name: user.name, aadObjectId: user.aadObjectId };
}

function clientInfo(): Record<string, string> {
  return { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' };
}

function personalEnvelope(parties: TeamsParties, conversationId: string): Record<string, unknown> & { serviceUrl: string } {
  return {
    channelId: 'msteams',
    serviceUrl: parties.serviceUrl,
    from: from(parties.user),
    recipient: botAccount(parties),
    conversation: { conversationType: 'personal', tenantId: parties.tenantId, id: conversationId },
    channelData: { tenant: { id: parties.tenantId } },
    locale: 'en-GB',
    localTimezone: 'Europe/London',
  };
}

/** A message typed into the personal chat with the bot. Teams message ids are epoch-millisecond strings. */
export function personalMessage(
  parties: TeamsParties,
  options: { id: string; text: string; conversationId?: string; timestamp?: string },
): TeamsActivity {
  return {
    type: 'message',
    id: options.id,
    timestamp: options.timestamp ?? FIXTURE_TIME,
    ...personalEnvelope(parties, options.conversationId ?? personalConversationIdFor(parties.user.id)),
    text: options.text,
    textFormat: 'plain',
    entities: [clientInfo()],
  };
}

/**
 * A channel post that @mentions the bot: the text carries `<at>Policy Desk</at>`, an entity names the bot, and
 * Teams adds a text/html copy of the message as an attachment. The conversation id is the channel id with
 * `;messageid=<thread root>`; a new post is its own root.
 */
export function channelMention(
  parties: TeamsParties,
  options: { id: string; text: string; teamId: string; channelId: string; threadRootId?: string; timestamp?: string },
): TeamsActivity {
  const mention = `<at>${parties.botName}</at>`;
  return {
    type: 'message',
    id: options.id,
    timestamp: options.timestamp ?? FIXTURE_TIME,
    channelId: 'msteams',
    serviceUrl: parties.serviceUrl,
    from: from(parties.user),
    recipient: botAccount(parties),
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: parties.tenantId,
      id: `${options.channelId};messageid=${options.threadRootId ?? options.id}`,
    },
    channelData: {
      teamsChannelId: options.channelId,
      teamsTeamId: options.teamId,
      channel: { id: options.channelId },
      team: { id: options.teamId },
      tenant: { id: parties.tenantId },
    },
    text: `${mention} ${options.text}`,
    textFormat: 'plain',
    attachments: [{ contentType: 'text/html', content: `<p><span itemtype="http://schema.skype.com/Mention" itemscope="" itemid="0">${parties.botName}</span>&nbsp;${options.text}</p>` }],
    entities: [{ type: 'mention', text: mention, mentioned: botAccount(parties) }, clientInfo()],
    locale: 'en-GB',
    localTimezone: 'Europe/London',
  };
}

/**
 * What Teams posts when a user presses an `Action.Execute` button on a card: an `adaptiveCard/action` invoke,
 * answered in the HTTP response (an `invokeResponse`), with `replyToId` the id of the message holding the card.
 */
export function actionExecute(
  parties: TeamsParties,
  options: { id: string; replyToId: string; verb: string; data: Record<string, unknown>; conversationId?: string; timestamp?: string },
): TeamsActivity {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: options.id,
    timestamp: options.timestamp ?? FIXTURE_TIME,
    ...personalEnvelope(parties, options.conversationId ?? personalConversationIdFor(parties.user.id)),
    channelData: { tenant: { id: parties.tenantId }, source: { name: 'message' }, legacy: { replyToId: `1:${options.replyToId}` } },
    replyToId: options.replyToId,
    value: { action: { type: 'Action.Execute', verb: options.verb, data: options.data }, trigger: 'manual' },
    entities: [clientInfo()],
  };
}

/**
 * What Teams posts when a user presses an `Action.Submit` button: a message with no text whose `value` is the
 * action's data merged with the card's inputs, replying to the message that holds the card.
 */
export function actionSubmit(
  parties: TeamsParties,
  options: { id: string; replyToId: string; data: Record<string, unknown>; conversationId?: string; timestamp?: string },
): TeamsActivity {
  return {
    type: 'message',
    id: options.id,
    timestamp: options.timestamp ?? FIXTURE_TIME,
    ...personalEnvelope(parties, options.conversationId ?? personalConversationIdFor(parties.user.id)),
    channelData: { tenant: { id: parties.tenantId }, source: { name: 'message' }, legacy: { replyToId: `1:${options.replyToId}` } },
    replyToId: options.replyToId,
    value: options.data,
    entities: [clientInfo()],
  };
}

/** The app installed (`add`) or removed (`remove`) for the user; `add-upgrade`/`remove-upgrade` on app upgrades. */
export function installationUpdate(
  parties: TeamsParties,
  options: { id: string; action: 'add' | 'remove' | 'add-upgrade' | 'remove-upgrade'; conversationId?: string; timestamp?: string },
): TeamsActivity {
  return {
    type: 'installationUpdate',
    id: options.id,
    timestamp: options.timestamp ?? FIXTURE_TIME,
    ...personalEnvelope(parties, options.conversationId ?? personalConversationIdFor(parties.user.id)),
    channelData: { tenant: { id: parties.tenantId }, source: { name: 'message' } },
    action: options.action,
    entities: [{ type: 'clientInfo', locale: 'en-GB' }],
  };
}

/** The bot and the user joining the personal chat, sent once when the app is installed for the user. */
export function membersAdded(
  parties: TeamsParties,
  options: { id: string; conversationId?: string; timestamp?: string },
): TeamsActivity {
  return {
    type: 'conversationUpdate',
    id: options.id,
    timestamp: options.timestamp ?? FIXTURE_TIME,
    ...personalEnvelope(parties, options.conversationId ?? personalConversationIdFor(parties.user.id)),
    membersAdded: [{ id: botAccount(parties).id }, { id: parties.user.id, aadObjectId: parties.user.aadObjectId }],
  };
}

/** Bodies that are not activities, with what CloudAdapter.process does with each (see tests/teams/fake-bot-connector.test.ts). */
export const NOT_ACTIVITIES = {
  /** Not JSON at all: the body reaches process() as a string. */
  junk: 'this is not json {',
  /** JSON, but an array. */
  array: [{ type: 'message' }],
  /** An object with no `type`. */
  empty: {},
  /** An object whose `type` is empty. */
  emptyType: { type: '' },
} as const;
