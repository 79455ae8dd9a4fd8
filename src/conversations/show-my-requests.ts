import { listAccountRequests } from '../storage/account-requests.js';
import { listDecisions } from '../storage/approval-decisions.js';
import { ACTION_IDS } from './action-ids.js';
import { composeApprovalCard } from './approval-cards.js';
import { checkAttempt } from './decide-on-request.js';
import type { Button, Message, MessagePart } from './message.js';
import { describeStatus, nameRequest } from './messages/describe-request.js';
import { showMyReports } from './show-my-reports.js';
import type { TurnContext } from './turn-context.js';

/** The user's own requests with where each stands, then any case waiting for their decision, with its buttons. */
export function showMyRequests(context: TurnContext): Message[] {
  const businessCase = context.pack.businessCase;
  const reports = showMyReports(context);
  if (!businessCase) return reports.length > 0 ? reports : [{ summary: 'No requests.', parts: [{ kind: 'text', text: 'You have no requests or reports.' }] }];
  const { database } = context.deps;
  const mine = listAccountRequests(database, { councilId: context.pack.councilId, requesterKey: context.participant.key }).filter(
    (request) => request.status !== 'withdrawn',
  );
  const parts: MessagePart[] = [{ kind: 'heading', text: 'Your requests' }];
  if (mine.length === 0) parts.push({ kind: 'text', text: 'You have no requests. Say “new account” to start a business case.' });
  else parts.push({ kind: 'fields', fields: mine.map((request) => ({ label: nameRequest(businessCase, request), value: describeStatus(businessCase, request) })) });
  const buttons: Button[] = mine.flatMap((request) => {
    if (request.status === 'draft') return [context.button(ACTION_IDS.continueDraft, `Continue ${request.id}`, { kind: 'draft', requestId: request.id, choice: 'continue' })];
    if (request.status === 'changes-requested') {
      return [context.button(ACTION_IDS.resubmit, `Edit and resubmit ${request.id}`, { kind: 'resubmit', requestId: request.id, round: request.round })];
    }
    if (request.status === 'in-review') {
      return [context.button(ACTION_IDS.withdraw, `Withdraw ${request.id}`, { kind: 'withdraw', requestId: request.id, round: request.round }, 'danger')];
    }
    return [];
  });
  if (buttons.length > 0) parts.push({ kind: 'buttons', buttons });
  const replies: Message[] = mine.length === 0 && reports.length > 0 ? [...reports] : [{ summary: `You have ${mine.length} request(s).`, parts }, ...reports];

  for (const request of listAccountRequests(database, { councilId: context.pack.councilId, statuses: ['in-review'] })) {
    const check = checkAttempt(context, businessCase, request, request);
    if (check.kind !== 'allowed') continue;
    const decisions = listDecisions(database, request.id, { round: request.round, stageIndex: request.stageIndex });
    replies.push(composeApprovalCard(context, businessCase, request, check.slot, request.stageIndex, decisions));
  }
  return replies;
}
