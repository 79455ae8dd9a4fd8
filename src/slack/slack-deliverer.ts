import type { webApi } from '@slack/bolt';
import { RecipientUnreachableError, type Deliverer } from '../delivery/deliver-outbox.js';
import type { RoleDirectory } from '../directory/role-directory.js';
import type { OutboxItem, Recipient } from '../storage/outbox.js';
import { renderBlockKit } from './render-block-kit.js';
import { slackErrorCode } from './slack-api-error.js';

/** Where a Slack card was posted, to update it in place later. */
export interface SlackCardRef {
  channel: string;
  ts: string;
}

/** An outbox item that Slack cannot deliver (no Slack id, or Slack knows no such user or channel): kept and retried, never sent elsewhere. */
export class NoSlackAddressError extends RecipientUnreachableError {
  constructor(what: string, why: string, options?: ErrorOptions) {
    super(`no Slack address for ${what}`, why, options);
    this.name = 'NoSlackAddressError';
  }
}

// Slack's answers meaning this recipient cannot be reached until someone changes something.
const UNREACHABLE_ERRORS: Record<string, string> = {
  channel_not_found: 'Slack does not know their id, or the app is not in the channel',
  user_not_found: 'Slack does not know their id',
  not_in_channel: 'the app has not been added to the channel',
  is_archived: 'the channel is archived',
  account_inactive: 'their Slack account is deactivated',
  cannot_dm_bot: 'their Slack id is a bot',
};

/**
 * Sends outbox items through the Web API: a direct message to a person or chat user (posting to a user id
 * opens the app's DM with them), or the comms channel. A card posted before is updated with chat.update.
 * The Web API client retries 429s itself, honouring Retry-After, so a rate limit delays a message but never
 * loses or doubles it.
 */
export function createSlackDeliverer(client: webApi.WebClient, directories: ReadonlyMap<string, RoleDirectory>): Deliverer {
  return {
    channel: 'slack',
    canReach(recipient) {
      try {
        slackAddress(recipient, directories);
        return true;
      } catch {
        return false;
      }
    },
    async deliver(item: OutboxItem, existingRef: unknown) {
      const { text, blocks } = renderBlockKit(item.message);
      const previous = existingRef as SlackCardRef | undefined;
      if (item.operation === 'update' && previous?.channel && previous.ts) {
        await client.chat.update({ channel: previous.channel, ts: previous.ts, text, blocks });
        return { ref: previous };
      }
      const channel = slackAddress(item.recipient, directories);
      try {
        const posted = await client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false });
        return { ref: posted.channel && posted.ts ? { channel: posted.channel, ts: posted.ts } : undefined };
      } catch (error) {
        const code = slackErrorCode(error);
        const why = code === undefined ? undefined : UNREACHABLE_ERRORS[code];
        throw why ? new NoSlackAddressError(item.recipient.kind, why, { cause: error }) : error;
      }
    },
  };
}

function slackAddress(recipient: Recipient, directories: ReadonlyMap<string, RoleDirectory>): string {
  switch (recipient.kind) {
    case 'participant':
      if (!recipient.participant.key.startsWith('slack:')) throw new NoSlackAddressError('a user of another channel', 'they use another chat platform');
      return recipient.participant.key.slice('slack:'.length);
    case 'person': {
      const slackId = directories.get(recipient.councilId)?.people.get(recipient.personId)?.slack;
      if (!slackId) throw new NoSlackAddressError(`person "${recipient.personId}"`, 'the role directory has no slack id for them');
      return slackId;
    }
    case 'comms-channel': {
      const channel = directories.get(recipient.councilId)?.commsChannel?.slack;
      if (!channel) throw new NoSlackAddressError(`the comms channel of "${recipient.councilId}"`, 'the role directory has no slack id for it');
      return channel;
    }
  }
}
