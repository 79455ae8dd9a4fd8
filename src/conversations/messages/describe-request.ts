import type { AccountRequest, Decision } from '../../approvals/account-request.js';
import type { BusinessCase } from '../../policies/business-case.js';
import type { PolicyPack } from '../../policies/policy-pack.js';

/** "22 Nov 2026, 10:02" in UK time: when someone decided, for people reading a card. */
export function formatUkTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function roleTitle(pack: PolicyPack, roleId: string): string {
  return pack.roles.get(roleId)?.title ?? roleId;
}

/** "Instagram for Countryside (BC-2026-0001)": how a request is named in messages. */
export function nameRequest(businessCase: BusinessCase, request: AccountRequest): string {
  const answers = request.progress.answers;
  const platform = businessCase.fields.find((field) => field.id === 'platform');
  const service = businessCase.fields.find((field) => field.type === 'service');
  const what = [platform && answers[platform.id]?.display, service && answers[service.id] && `for ${answers[service.id]!.display}`]
    .filter(Boolean)
    .join(' ');
  return what ? `${what} (${request.id})` : request.id;
}

/** "approved", "rejected", "asked for changes to": what a decider did, as a verb before the request. */
export const OUTCOME_VERBS: Record<Decision['outcome'], string> = {
  approved: 'approved',
  rejected: 'rejected',
  'changes-requested': 'asked for changes to',
};

/** "Sam Patel (Communications Team Leader) approved it on 22 Nov 2026, 10:02." */
export function describeDecision(pack: PolicyPack, decision: Decision): string {
  const comment = decision.comment ? `: “${decision.comment}”` : '.';
  return `${decision.decider.name} (${roleTitle(pack, decision.roleId)}) ${OUTCOME_VERBS[decision.outcome]} it on ${formatUkTime(decision.decidedAt)}${comment}`;
}

export function describeStatus(businessCase: BusinessCase, request: AccountRequest): string {
  switch (request.status) {
    case 'draft':
      return 'draft, not yet submitted';
    case 'in-review':
      return `with ${businessCase.stages[request.stageIndex]?.title ?? 'approvers'} (stage ${request.stageIndex + 1} of ${businessCase.stages.length})`;
    case 'changes-requested':
      return 'changes requested: waiting for you to edit and resubmit';
    case 'approved':
      return 'approved';
    case 'rejected':
      return 'rejected';
    case 'withdrawn':
      return 'withdrawn';
  }
}
