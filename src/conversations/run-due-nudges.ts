import type { Participant } from '../approvals/account-request.js';
import { findDueNudges } from '../approvals/find-due-nudges.js';
import { resolveStageSlots } from '../approvals/resolve-stage-slots.js';
import { emptyRoleDirectory } from '../directory/role-directory.js';
import { listAccountRequests } from '../storage/account-requests.js';
import { listDecisions } from '../storage/approval-decisions.js';
import { listEscalatedRoleIds, listNudges, recordNudge } from '../storage/approval-nudges.js';
import { sendStageCards } from './approval-cards.js';
import { textMessage } from './message.js';
import { formatUkTime, nameRequest } from './messages/describe-request.js';
import { createTurnContext, type ConversationDependencies } from './turn-context.js';

const SCHEDULER: Participant = { key: 'system:scheduler', name: 'Policy Desk', channel: 'console' };

/** Reminds approvers who have not decided in time, then escalates to the role's alternate; each nudge once. */
export function runDueNudges(deps: ConversationDependencies): number {
  let sent = 0;
  for (const [councilId, pack] of deps.packs) {
    const businessCase = pack.businessCase;
    if (!businessCase) continue;
    const directory = deps.directories.get(councilId) ?? emptyRoleDirectory(councilId);
    const context = createTurnContext(deps, SCHEDULER, pack, directory, 'system');
    for (const request of listAccountRequests(deps.database, { councilId, statuses: ['in-review'] })) {
      const stage = businessCase.stages[request.stageIndex]!;
      const decided = listDecisions(deps.database, request.id, { round: request.round, stageIndex: request.stageIndex });
      const nudges = findDueNudges(
        {
          request,
          stageRoleIds: stage.approvers.map((slot) => slot.roleId),
          decidedRoleIds: new Set(decided.map((decision) => decision.roleId)),
          sent: listNudges(deps.database, request.id, request.round, request.stageIndex),
          reminderAfterWorkingDays: businessCase.reminderAfterWorkingDays,
        },
        context.now,
        deps.bankHolidays,
      );
      const slots = resolveStageSlots(pack, businessCase, request, directory);
      const name = nameRequest(businessCase, request);
      const since = formatUkTime(request.stageEnteredAt ?? request.updatedAt);
      for (const nudge of nudges) {
        if (!recordNudge(deps.database, nudge, context.now.toISOString())) continue;
        sent += 1;
        const slot = slots.find((candidate) => candidate.roleId === nudge.roleId);
        context.audit(nudge.kind, request.id, { role: nudge.roleId, round: nudge.round, stage: stage.id });
        if (nudge.kind === 'reminder') {
          const escalated = listEscalatedRoleIds(deps.database, request.id, request.round, request.stageIndex).has(nudge.roleId);
          const deciders = [...(slot?.holders ?? []), ...(escalated && slot?.alternate ? [slot.alternate] : [])];
          for (const person of deciders.filter((decider) => decider.id !== request.requester.personId)) {
            context.notify({
              recipient: { kind: 'person', councilId, personId: person.id, name: person.name },
              message: textMessage(`Reminder: ${name} has been waiting for your decision as ${slot!.roleTitle} since ${since}.`, 'Say “my requests” to see it.'),
            });
          }
          continue;
        }
        const alternate = slot?.alternate;
        const escalatedTo = alternate ? `${alternate.name}, the alternate for ${slot!.roleTitle}` : 'nobody: no alternate is listed';
        if (alternate) {
          sendStageCards(context, businessCase, request, {
            operation: 'post',
            onlyPersonIds: new Set([alternate.id]),
          });
        }
        context.notify({
          recipient: { kind: 'participant', participant: request.requester },
          message: textMessage(`${name} has waited for ${slot?.roleTitle ?? nudge.roleId} since ${since}; it has been escalated to ${escalatedTo}.`),
        });
      }
    }
  }
  return sent;
}
