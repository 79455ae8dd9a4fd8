import type { Participant } from '../approvals/account-request.js';
import type { Recipient } from '../storage/outbox.js';
import type { Message } from './message.js';

/** A card as it now stands: the latest message sent (or waiting) under its card key, and whom it was for. */
export interface CurrentCard {
  recipient: Recipient;
  message: Message;
  confidential: boolean;
}

/**
 * What one person sees of a card when their chat client asks for it afresh (Teams' refresh). The person it was
 * sent to sees it as it now stands, buttons and all; anyone else sees no buttons, and nothing at all of a
 * confidential card, since a report's card is only ever for the officers it was routed to.
 */
export function viewCardFor(card: CurrentCard, viewer: Pick<Participant, 'key' | 'personId'>): Message {
  const isFor =
    (card.recipient.kind === 'person' && viewer.personId !== undefined && viewer.personId === card.recipient.personId) ||
    (card.recipient.kind === 'participant' && viewer.key === card.recipient.participant.key);
  if (isFor) return card.message;
  const owner = card.recipient.kind === 'comms-channel' ? 'the communications team' : card.recipient.kind === 'person' ? card.recipient.name : card.recipient.participant.name;
  if (card.confidential) {
    return { summary: 'Confidential', parts: [{ kind: 'note', text: `This card is confidential to ${owner}.` }] };
  }
  return {
    summary: card.message.summary,
    parts: [...card.message.parts.filter((part) => part.kind !== 'buttons'), { kind: 'note', text: `Only ${owner} can act on this card.` }],
  };
}
