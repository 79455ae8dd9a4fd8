import type { webApi } from '@slack/bolt';
import type { Deliverer } from '../delivery/deliver-outbox.js';
import type { RoleDirectory } from '../directory/role-directory.js';
import type { OutboxItem, Recipient } from '../storage/outbox.js';
import { renderBlockKit } from './render-block-kit.js';

/** Where a Slack card was posted, to update it in place later. */
export interface SlackCardRef {
  channel: string;
  ts: string;
}

/** An outbox item that Slack cannot deliver (nobody with a Slack id): kept and retried, never sent elsewhere. */
export class NoSlackAddressError extends Error {
  constructor(what: string) {
    super(`no Slack address for ${what}`);
    this.name = 'NoSlackAddressError';
  }
}

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
      const posted = await client.chat.postMessage({ channel: slackAddress(item.recipient, directories), text, blocks, unfurl_links: false, unfurl_media: false });
      return { ref: posted.channel && posted.ts ? { channel: posted.channel, ts: posted.ts } : undefined };
    },
  };
}

function slackAddress(recipient: Recipient, directories: ReadonlyMap<string, RoleDirectory>): string {
  switch (recipient.kind) {
    case 'participant':
      if (!recipient.participant.key.startsWith('slack:')) throw new NoSlackAddressError('a user of another channel');
      return recipient.participant.key.slice('slack:'.length);
    case 'person': {
      const slackId = directories.get(recipient.councilId)?.people.get(recipient.personId)?.slack;
      if (!slackId) throw new NoSlackAddressError(`person "${recipient.personId}" (add their slack id to the role directory)`);
      return slackId;
    }
    case 'comms-channel': {
      const channel = directories.get(recipient.councilId)?.commsChannel?.slack;
      if (!channel) throw new NoSlackAddressError(`the comms channel of "${recipient.councilId}"`);
      return channel;
    }
  }
}
