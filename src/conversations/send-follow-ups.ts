import type { AccountRequest } from '../approvals/account-request.js';
import { describeSection } from '../answers/describe-section.js';
import type { BusinessCase } from '../policies/business-case.js';
import { commsRecipient } from './approval-cards.js';
import { textMessage } from './message.js';
import { nameRequest } from './messages/describe-request.js';
import type { TurnContext } from './turn-context.js';

function addMonths(moment: Date, months: number): Date {
  const later = new Date(moment);
  later.setUTCMonth(later.getUTCMonth() + months);
  return later;
}

/**
 * After approval, the pack's follow-ups: a set-up task now, and reminders held in the outbox until they are due
 * (a six-month trial review). Each goes to the people in its role, or to the comms channel if nobody holds it.
 */
export function sendFollowUps(context: TurnContext, businessCase: BusinessCase, request: AccountRequest): void {
  const name = nameRequest(businessCase, request);
  for (const followUp of businessCase.afterApproval) {
    const clause = followUp.clauseId === undefined ? undefined : context.pack.clausesById.get(followUp.clauseId);
    const message = textMessage(`${followUp.afterMonths ? 'Due now' : 'To do'} for ${name}: ${followUp.text}`, ...(clause ? [`${describeSection(clause)}`] : []));
    const deliverAfter = followUp.afterMonths === undefined ? undefined : addMonths(context.now, followUp.afterMonths).toISOString();
    const holders = context.directory.holdersOf(followUp.roleId).people;
    const recipients = holders.length > 0
      ? holders.map((person) => ({ kind: 'person' as const, councilId: context.pack.councilId, personId: person.id, name: person.name }))
      : [commsRecipient(context)];
    for (const recipient of recipients) context.notify({ recipient, message, deliverAfter });
    context.audit('follow-up-scheduled', request.id, { followUp: followUp.id, ...(deliverAfter ? { due: deliverAfter } : {}) });
  }
}
