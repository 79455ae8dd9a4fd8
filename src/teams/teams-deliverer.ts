import { CardFactory, TurnContext, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { PolicyDesk } from '../app/open-policy-desk.js';
import { RecipientUnreachableError, type Deliverer } from '../delivery/deliver-outbox.js';
import type { OutboxItem, Recipient } from '../storage/outbox.js';
import { findTeamsAddress, findTeamsConversation, findTenantServiceUrl, saveTeamsConversation, type StoredConversationReference } from '../storage/teams-conversations.js';
import type { TeamsConfig } from './read-teams-config.js';
import { renderAdaptiveCards, withRefresh, type AdaptiveCardJson } from './render-adaptive-card.js';

/** A card that may change later (it has a key) asks to be refreshed when its recipient sees it; only the last card has the buttons. */
function refreshable(cards: AdaptiveCardJson[], cardKey: string | undefined, reference: StoredConversationReference): AdaptiveCardJson[] {
  const userId = reference.user?.id;
  if (cardKey === undefined || !userId?.startsWith('29:')) return cards;
  return [...cards.slice(0, -1), withRefresh(cards.at(-1)!, cardKey, [userId])];
}

/** Where a Teams card was posted: the conversation to reach it through, and its activity id, to update it in place. */
export interface TeamsCardRef {
  reference: StoredConversationReference;
  activityId: string;
}

/** An outbox item Teams cannot deliver yet (no Teams id, no chat, the app not installed): kept and retried. */
export class NoTeamsAddressError extends RecipientUnreachableError {
  constructor(what: string, why: string, options?: ErrorOptions) {
    super(`no Teams address for ${what}`, why, options);
    this.name = 'NoTeamsAddressError';
  }
}

// Teams' documented fallback when no activity from the tenant has told us its serviceUrl yet.
const DEFAULT_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
// AuthenticationConstants.ToChannelFromBotOAuthScope, which botbuilder does not re-export.
const CONNECTOR_AUDIENCE = 'https://api.botframework.com';

/**
 * Sends outbox items proactively: to the chat a person or user last had with the bot (opening one for a
 * directory person the bot has not talked to yet), or to the comms channel. A card posted before is updated
 * in place. Connector 429s and 5xx are retried by botbuilder's own pipeline; anything still failing is thrown,
 * so the outbox keeps the item and tries again later.
 */
export function createTeamsDeliverer(adapter: CloudAdapter, botAppId: string, desk: PolicyDesk, config: TeamsConfig): Deliverer {
  /** Runs work in a conversation and gives back its failure: botbuilder would hand it to onTurnError instead. */
  const inConversation = async <T>(reference: Partial<ConversationReference>, work: (context: TurnContext) => Promise<T>): Promise<T> => {
    let outcome: { value: T } | { error: unknown } | undefined;
    await adapter.continueConversationAsync(botAppId, reference, async (context) => {
      try {
        outcome = { value: await work(context) };
      } catch (error) {
        outcome = { error };
      }
    });
    if (!outcome || 'error' in outcome) throw outcome?.error ?? new Error('Teams did not run the send');
    return outcome.value;
  };

  const tenantFor = (councilId: string): string | undefined =>
    [...config.tenants].find(([, council]) => council === councilId)?.[0] ?? (config.auth === 'azure' ? config.tenantId : undefined);

  /** Opens a one-to-one chat (or finds the one there is); Teams refuses it unless the person has the app. Kept under each address given. */
  const openChat = async (tenantId: string, serviceUrl: string, memberId: string, addresses: string[]): Promise<StoredConversationReference> => {
    let opened: StoredConversationReference | undefined;
    await adapter.createConversationAsync(
      botAppId,
      'msteams',
      serviceUrl,
      CONNECTOR_AUDIENCE,
      { isGroup: false, bot: { id: `28:${botAppId}`, name: 'Policy Desk' }, members: [{ id: memberId, name: '' }], tenantId, channelData: { tenant: { id: tenantId } } } as never,
      async (context) => {
        // botbuilder's creation event names no user: the chat's user is the member it was opened with.
        opened = { ...TurnContext.getConversationReference(context.activity), user: { id: memberId, name: '' } };
      },
    );
    if (!opened) throw new NoTeamsAddressError(`member "${memberId}"`, 'Teams did not open a chat with them');
    for (const address of addresses) saveTeamsConversation(desk.database, address, tenantId, opened);
    return opened;
  };

  const referenceFor = async (recipient: Recipient): Promise<StoredConversationReference> => {
    switch (recipient.kind) {
      case 'participant': {
        const found = findTeamsAddress(desk.database, recipient.participant.key);
        if (found?.reference.conversation) return found.reference;
        // Met only in a channel: their reply (a report started there) goes to a new 1:1 chat.
        const userId = found?.reference.user?.id;
        if (!found || !userId || !found.tenantId || !found.reference.serviceUrl) throw new NoTeamsAddressError('a chat user', 'the bot has no conversation with them');
        return openChat(found.tenantId, found.reference.serviceUrl, userId, [recipient.participant.key, `teams:${userId}`]);
      }
      case 'person': {
        const teamsId = desk.directories.get(recipient.councilId)?.people.get(recipient.personId)?.teams;
        if (!teamsId) throw new NoTeamsAddressError(`person "${recipient.personId}"`, 'the role directory has no teams id for them');
        const known = findTeamsConversation(desk.database, `teams:${teamsId}`);
        if (known?.conversation) return known;
        const tenantId = tenantFor(recipient.councilId);
        if (!tenantId) throw new NoTeamsAddressError(`council "${recipient.councilId}"`, 'no Microsoft 365 tenant is linked to the council (set POLICY_DESK_TEAMS_TENANTS or MicrosoftAppTenantId)');
        return openChat(tenantId, findTenantServiceUrl(desk.database, tenantId) ?? DEFAULT_SERVICE_URL, teamsId, [`teams:${teamsId}`]);
      }
      case 'comms-channel': {
        const channelId = desk.directories.get(recipient.councilId)?.commsChannel?.teams;
        const reference = channelId === undefined ? undefined : findTeamsConversation(desk.database, `teams:${channelId}`);
        if (!reference) throw new NoTeamsAddressError(`the comms channel of "${recipient.councilId}"`, 'the app has not been added to its team');
        return reference;
      }
    }
  };

  return {
    channel: 'teams',
    canReach(recipient) {
      switch (recipient.kind) {
        case 'participant':
          return recipient.participant.key.startsWith('teams:');
        case 'person':
          return desk.directories.get(recipient.councilId)?.people.get(recipient.personId)?.teams !== undefined;
        case 'comms-channel':
          return desk.directories.get(recipient.councilId)?.commsChannel?.teams !== undefined;
      }
    },
    async deliver(item: OutboxItem, existingRef: unknown) {
      const previous = existingRef as TeamsCardRef | undefined;
      if (item.operation === 'update' && previous?.activityId) {
        // The card with the buttons is the last one posted; its update carries the new state.
        const card = refreshable(renderAdaptiveCards(item.message), item.cardKey, previous.reference).at(-1)!;
        await inConversation(previous.reference, (context) =>
          context.updateActivity({ type: 'message', id: previous.activityId, summary: item.message.summary, attachments: [CardFactory.adaptiveCard(card)] }),
        );
        return { ref: previous };
      }
      try {
        const reference = await referenceFor(item.recipient);
        const cards = refreshable(renderAdaptiveCards(item.message), item.cardKey, reference);
        const activityId = await inConversation<string | undefined>(reference, async (context) => {
          let last: string | undefined;
          for (const card of cards) last = (await context.sendActivity({ type: 'message', summary: item.message.summary, attachments: [CardFactory.adaptiveCard(card)] }))?.id ?? last;
          return last;
        });
        return { ref: activityId ? ({ reference, activityId } satisfies TeamsCardRef) : undefined };
      } catch (error) {
        // Teams' 403: the app is not installed for them (or was removed, or blocked), so no chat can be opened or used.
        if ((error as { statusCode?: unknown }).statusCode === 403) {
          throw new NoTeamsAddressError(item.recipient.kind, 'they do not have the Policy Desk app in Teams, or have blocked it', { cause: error });
        }
        throw error;
      }
    },
  };
}
