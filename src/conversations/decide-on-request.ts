import type { AccountRequest, Decision, DecisionOutcome } from '../approvals/account-request.js';
import { applyDecision, withdrawRequest, type RequestEvent } from '../approvals/advance-request.js';
import { canDecide, type DecisionCheck } from '../approvals/can-decide.js';
import { resolveStageSlots, type StageSlot } from '../approvals/resolve-stage-slots.js';
import type { BusinessCase } from '../policies/business-case.js';
import { listDecisions, recordDecision } from '../storage/approval-decisions.js';
import { listEscalatedRoleIds } from '../storage/approval-nudges.js';
import { saveAccountRequest } from '../storage/account-requests.js';
import { ACTION_IDS } from './action-ids.js';
import { commsRecipient, sendStageCards } from './approval-cards.js';
import type { Reply } from './business-case-form.js';
import type { ConversationState } from './conversation-state.js';
import { textMessage, type Message } from './message.js';
import { describeDecision, describeStatus, nameRequest, OUTCOME_VERBS, roleTitle } from './messages/describe-request.js';
import { sendFollowUps } from './send-follow-ups.js';
import type { TurnContext } from './turn-context.js';

const IDLE: ConversationState = { kind: 'idle' };
const MAX_REASON_LENGTH = 1000;

/** canDecide for this person, with the stage's holders, decisions and escalations read from the database. */
export function checkAttempt(context: TurnContext, businessCase: BusinessCase, request: AccountRequest, card: { round: number; stageIndex: number }): DecisionCheck {
  const decisions = listDecisions(context.deps.database, request.id, { round: request.round, stageIndex: request.stageIndex });
  return canDecide({
    request,
    card,
    slots: resolveStageSlots(context.pack, businessCase, request, context.directory),
    decisions,
    participantKey: context.participant.key,
    person: context.person,
    escalatedRoleIds: listEscalatedRoleIds(context.deps.database, request.id, request.round, request.stageIndex),
  });
}

/** What a refused press is told: nothing changes, and a refusal by someone outside the stage is audited. */
function refusal(context: TurnContext, businessCase: BusinessCase, request: AccountRequest, check: Exclude<DecisionCheck, { kind: 'allowed' }>): Reply {
  const name = nameRequest(businessCase, request);
  switch (check.kind) {
    case 'stale': {
      const last = listDecisions(context.deps.database, request.id).at(-1);
      const who = last ? ` ${describeDecision(context.pack, last)}` : '';
      return { replies: [textMessage(`This card is out of date: ${name} is now ${describeStatus(businessCase, request)}.${who}`)], state: IDLE };
    }
    case 'already-decided':
      return { replies: [textMessage(`Already decided: ${describeDecision(context.pack, check.decision)}`)], state: IDLE };
    case 'own-request':
    case 'not-approver': {
      context.audit('decision-refused', request.id, { reason: check.kind, round: request.round, stage: request.stageIndex });
      const stage = businessCase.stages[request.stageIndex];
      const roles = stage?.approvers.map((slot) => roleTitle(context.pack, slot.roleId)).join(' and ') ?? 'the approvers';
      const why = check.kind === 'own-request' ? 'You cannot decide on your own request.' : `Only ${roles} can decide this stage.`;
      return { replies: [textMessage(`Sorry, ${why} Nothing has changed.`)], state: IDLE };
    }
  }
}

/** An approver pressed Approve, Reject or Request changes on a card. */
export function pressDecision(
  context: TurnContext,
  businessCase: BusinessCase,
  request: AccountRequest,
  card: { round: number; stageIndex: number; outcome: DecisionOutcome },
): Reply {
  const check = checkAttempt(context, businessCase, request, card);
  if (check.kind !== 'allowed') return refusal(context, businessCase, request, check);
  if (card.outcome === 'approved') return recordOutcome(context, businessCase, request, check.slot, 'approved', undefined);
  const asking = card.outcome === 'rejected' ? 'Why are you rejecting it? The requester will see your reason.' : 'What needs to change? The requester will see your comment.';
  return {
    replies: [textMessage(`${nameRequest(businessCase, request)}: ${asking}`, 'Type it as your next message, or say “cancel” to decide later.')],
    state: { kind: 'giving-reason', requestId: request.id, round: card.round, stageIndex: card.stageIndex, outcome: card.outcome },
  };
}

/** The reason typed after Reject or Request changes; the stage is checked again, since others may have decided meanwhile. */
export function giveReason(
  context: TurnContext,
  businessCase: BusinessCase,
  request: AccountRequest,
  state: Extract<ConversationState, { kind: 'giving-reason' }>,
  text: string,
): Reply {
  const reason = text.trim().replace(/\s+/g, ' ');
  if (reason.length < 3 || reason.length > MAX_REASON_LENGTH) {
    return { replies: [textMessage(`Please give a reason of 3 to ${MAX_REASON_LENGTH} characters, or say “cancel”.`)], state };
  }
  const check = checkAttempt(context, businessCase, request, state);
  if (check.kind !== 'allowed') return refusal(context, businessCase, request, check);
  return recordOutcome(context, businessCase, request, check.slot, state.outcome, reason);
}

function recordOutcome(
  context: TurnContext,
  businessCase: BusinessCase,
  request: AccountRequest,
  slot: StageSlot,
  outcome: DecisionOutcome,
  comment: string | undefined,
): Reply {
  const decision: Decision = {
    requestId: request.id,
    round: request.round,
    stageIndex: request.stageIndex,
    roleId: slot.roleId,
    decider: context.participant,
    outcome,
    comment,
    decidedAt: context.now.toISOString(),
  };
  if (!recordDecision(context.deps.database, decision)) {
    // Someone else took the slot between the check and the write; say who, as for any repeated click.
    const check = checkAttempt(context, businessCase, request, request);
    if (check.kind !== 'allowed') return refusal(context, businessCase, request, check);
    return { replies: [textMessage('That decision could not be recorded; please try again.')], state: IDLE };
  }
  const stageDecisions = listDecisions(context.deps.database, request.id, { round: request.round, stageIndex: request.stageIndex });
  const { request: next, event } = applyDecision(businessCase, request, decision, stageDecisions, context.now);
  saveAccountRequest(context.deps.database, next);
  context.audit(outcome, request.id, { role: slot.roleId, round: request.round, stage: businessCase.stages[request.stageIndex]!.id, ...(comment ? { comment } : {}) });
  sendStageCards(context, businessCase, next, { operation: 'update', stageIndex: request.stageIndex });
  tellOthers(context, businessCase, next, decision, event);
  return { replies: [textMessage(`Recorded: you ${OUTCOME_VERBS[outcome]} ${nameRequest(businessCase, request)} as ${slot.roleTitle}. It is now ${describeStatus(businessCase, next)}.`)], state: IDLE };
}

function tellOthers(context: TurnContext, businessCase: BusinessCase, request: AccountRequest, decision: Decision, event: RequestEvent): void {
  const name = nameRequest(businessCase, request);
  const toRequester = (message: Message) => context.notify({ recipient: { kind: 'participant', participant: request.requester }, message });
  const decided = describeDecision(context.pack, decision);
  switch (event.kind) {
    case 'waiting':
      toRequester(textMessage(`${name}: ${decided} Still waiting for ${event.remainingRoleIds.map((roleId) => roleTitle(context.pack, roleId)).join(' and ')}.`));
      return;
    case 'stage-advanced':
      sendStageCards(context, businessCase, request, { operation: 'post' });
      toRequester(textMessage(`${name}: ${decided} It is now ${describeStatus(businessCase, request)}.`));
      return;
    case 'approved':
      toRequester(textMessage(`${name} is approved. ${decided}`, 'The communications team will be in touch to set the account up.'));
      context.notify({ recipient: commsRecipient(context), message: textMessage(`Approved: ${name}, requested by ${request.requester.name}. ${decided}`) });
      sendFollowUps(context, businessCase, request);
      return;
    case 'rejected':
      toRequester(textMessage(`${name} was rejected. ${decided}`));
      context.notify({ recipient: commsRecipient(context), message: textMessage(`Rejected: ${name}, requested by ${request.requester.name}. ${decided}`) });
      return;
    case 'changes-requested':
      toRequester({
        summary: `${name}: changes requested`,
        parts: [
          { kind: 'heading', text: `Changes requested: ${name}` },
          { kind: 'text', text: decided },
          { kind: 'note', text: 'Edit your answers and resubmit; it goes back to the same approvers.' },
          {
            kind: 'buttons',
            buttons: [
              context.button(ACTION_IDS.resubmit, 'Edit and resubmit', { kind: 'resubmit', requestId: request.id, round: request.round }, 'primary'),
              context.button(ACTION_IDS.withdraw, 'Withdraw', { kind: 'withdraw', requestId: request.id, round: request.round }, 'danger'),
            ],
          },
        ],
      });
      return;
    case 'submitted':
    case 'withdrawn':
      return;
  }
}

/** The requester withdraws a request that is still open; the approvers' cards lose their buttons. */
export function withdrawByRequester(context: TurnContext, businessCase: BusinessCase, request: AccountRequest): Reply {
  const { request: withdrawn } = withdrawRequest(request, context.now);
  saveAccountRequest(context.deps.database, withdrawn);
  context.audit('withdrawn', request.id, { round: request.round });
  if (request.round > 0) sendStageCards(context, businessCase, withdrawn, { operation: 'update' });
  context.notify({ recipient: commsRecipient(context), message: textMessage(`Withdrawn by ${request.requester.name}: ${nameRequest(businessCase, request)}.`) });
  return { replies: [textMessage(`Withdrawn: ${nameRequest(businessCase, request)}.`)], state: IDLE };
}
