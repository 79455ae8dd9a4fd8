import type { AccountRequest, Decision } from '../approvals/account-request.js';
import { resolveStageSlots, type StageSlot } from '../approvals/resolve-stage-slots.js';
import { describeSection } from '../answers/describe-section.js';
import type { Person } from '../directory/role-directory.js';
import type { BusinessCase } from '../policies/business-case.js';
import { listDecisions } from '../storage/approval-decisions.js';
import { listEscalatedRoleIds, recordNudge } from '../storage/approval-nudges.js';
import { ACTION_IDS } from './action-ids.js';
import type { Message, MessagePart } from './message.js';
import { describeDecision, describeStatus, nameRequest, roleTitle } from './messages/describe-request.js';
import type { TurnContext } from './turn-context.js';

export function approvalCardKey(request: AccountRequest, stageIndex: number, personId: string): string {
  return `approval:${request.id}:r${request.round}:s${stageIndex}:${personId}`;
}

/** The case as an approver sees it: the answers, the stage and its clause, what others decided, and the buttons while it is theirs to decide. */
export function composeApprovalCard(
  context: TurnContext,
  businessCase: BusinessCase,
  request: AccountRequest,
  slot: StageSlot,
  stageIndex: number,
  stageDecisions: readonly Decision[],
): Message {
  const stage = businessCase.stages[stageIndex]!;
  const open = request.status === 'in-review' && stageIndex === request.stageIndex;
  const clause = context.pack.clausesById.get(stage.clauseId);
  const name = nameRequest(businessCase, request);
  const parts: MessagePart[] = [
    { kind: 'heading', text: `Business case for approval: ${name}` },
    {
      kind: 'text',
      text: `${request.requester.name} asks for a new account. You are asked as ${slot.roleTitle}: ${stage.title}${clause ? ` (${describeSection(clause)})` : ''}.`,
    },
    {
      kind: 'fields',
      fields: businessCase.fields.map((field) => ({ label: field.label, value: request.progress.answers[field.id]?.display ?? '(skipped)' })),
    },
  ];
  const made = stageDecisions.map((decision) => describeDecision(context.pack, decision));
  if (request.round > 1) made.unshift(`Resubmitted after changes (round ${request.round}).`);
  if (made.length > 0) parts.push({ kind: 'note', text: made.join('\n') });
  const ownDecision = stageDecisions.find((decision) => decision.roleId === slot.roleId);
  if (open && !ownDecision) {
    const decide = (label: string, outcome: Decision['outcome'], style?: 'primary' | 'danger') =>
      context.button(
        outcome === 'approved' ? ACTION_IDS.approve : outcome === 'rejected' ? ACTION_IDS.reject : ACTION_IDS.requestChanges,
        label,
        { kind: 'decide', requestId: request.id, round: request.round, stageIndex: request.stageIndex, outcome },
        style,
      );
    parts.push({
      kind: 'buttons',
      buttons: [decide('Approve', 'approved', 'primary'), decide('Reject', 'rejected', 'danger'), decide('Request changes', 'changes-requested')],
    });
  } else {
    parts.push({ kind: 'text', text: `Now: ${describeStatus(businessCase, request)}.` });
  }
  return { summary: `Business case for approval: ${name}`, parts };
}

function recipientsOf(context: TurnContext, request: AccountRequest, slot: StageSlot, escalated: boolean): Person[] {
  const people = [...slot.holders, ...(escalated && slot.alternate ? [slot.alternate] : [])];
  return people.filter((person, index) => people.indexOf(person) === index && person.id !== request.requester.personId);
}

/**
 * Sends (or, after a decision, updates in place) the current stage's card for every approver. A role nobody
 * holds is never dropped silently: the requester and the communications channel are told.
 */
export function sendStageCards(
  context: TurnContext,
  businessCase: BusinessCase,
  request: AccountRequest,
  options: { operation: 'post' | 'update'; stageIndex?: number; onlyPersonIds?: ReadonlySet<string> },
): void {
  const stageIndex = options.stageIndex ?? request.stageIndex;
  const slots = resolveStageSlots(context.pack, businessCase, request, context.directory, stageIndex);
  const decisions = listDecisions(context.deps.database, request.id, { round: request.round, stageIndex });
  const escalated = listEscalatedRoleIds(context.deps.database, request.id, request.round, stageIndex);
  for (const slot of slots) {
    if (options.operation === 'post' && needsAlternateForConflict(request, slot, escalated)) {
      // The requester holds this role themselves: their alternate decides instead.
      recordNudge(context.deps.database, { requestId: request.id, round: request.round, stageIndex, roleId: slot.roleId, kind: 'escalation' }, context.now.toISOString());
      escalated.add(slot.roleId);
      context.audit('conflict-of-interest', request.id, { role: slot.roleId, alternate: slot.alternate!.id });
    }
    const recipients = recipientsOf(context, request, slot, escalated.has(slot.roleId));
    if (recipients.length === 0 && options.operation === 'post') {
      const problem = `Nobody is listed as ${slot.roleTitle} in the role directory, so ${request.id} cannot reach them.`;
      context.notify({ recipient: { kind: 'participant', participant: request.requester }, message: { summary: problem, parts: [{ kind: 'warning', text: `${problem} The communications team has been told.` }] } });
      context.notify({ recipient: commsRecipient(context), message: { summary: problem, parts: [{ kind: 'warning', text: `${problem} Please add them to the role directory.` }] } });
      context.audit('approver-missing', request.id, { roleId: slot.roleId });
    }
    for (const person of recipients) {
      if (options.onlyPersonIds && !options.onlyPersonIds.has(person.id)) continue;
      context.notify({
        recipient: { kind: 'person', councilId: context.pack.councilId, personId: person.id, name: person.name },
        cardKey: approvalCardKey(request, stageIndex, person.id),
        operation: options.operation,
        message: composeApprovalCard(context, businessCase, request, slot, stageIndex, decisions),
        onBehalfOf: request.requester,
      });
    }
  }
}

function needsAlternateForConflict(request: AccountRequest, slot: StageSlot, escalated: ReadonlySet<string>): boolean {
  const requesterId = request.requester.personId;
  return (
    requesterId !== undefined &&
    !escalated.has(slot.roleId) &&
    slot.holders.length > 0 &&
    slot.holders.every((holder) => holder.id === requesterId) &&
    slot.alternate !== undefined &&
    slot.alternate.id !== requesterId
  );
}

export function commsRecipient(context: TurnContext) {
  return {
    kind: 'comms-channel' as const,
    councilId: context.pack.councilId,
    name: context.directory.commsChannel?.name ?? roleTitle(context.pack, context.pack.businessCase?.notifyRoleId ?? context.pack.fallbackContactRoleId),
  };
}
