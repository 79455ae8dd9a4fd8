import type { NewOutboxItem, OutboxItem } from '../../storage/outbox.js';

type PersonRecipient = Extract<OutboxItem['recipient'], { kind: 'person' }>;

/**
 * What the requester (or reporter) and the communications team are told when an approver or officer cannot be
 * reached: the waiting message is named only to the requester, whose own business it is; the team gets who
 * cannot be reached and why, so that someone can fix it, and nothing of a report.
 */
export function composeUnreachableNotices(item: OutboxItem, recipient: PersonRecipient, why: string): NewOutboxItem[] {
  const later = 'it will be sent as soon as they can be reached';
  const toTeam: NewOutboxItem = {
    recipient: { kind: 'comms-channel', councilId: recipient.councilId, name: 'communications team' },
    message: {
      summary: `Policy Desk cannot reach ${recipient.name}`,
      parts: [{ kind: 'warning', text: `Policy Desk cannot reach ${recipient.name} (${recipient.personId} in the role directory): ${why}. A message for them is waiting; ${later}.` }],
    },
  };
  if (!item.onBehalfOf) return [toTeam];
  const toRequester: NewOutboxItem = {
    recipient: { kind: 'participant', participant: item.onBehalfOf },
    message: {
      summary: `${recipient.name} has not received it yet`,
      parts: [{ kind: 'warning', text: `${recipient.name} has not received “${item.message.summary}” yet: Policy Desk cannot reach them. The communications team has been told, and ${later}.` }],
    },
    confidential: item.confidential,
  };
  return [toRequester, toTeam];
}
