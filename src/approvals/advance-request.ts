import type { BusinessCase } from '../policies/business-case.js';
import type { AccountRequest, Decision } from './account-request.js';

export type RequestEvent =
  | { kind: 'submitted' }
  /** The stage still waits for other roles. */
  | { kind: 'waiting'; remainingRoleIds: string[] }
  | { kind: 'stage-advanced'; fromStageIndex: number }
  | { kind: 'approved' }
  | { kind: 'rejected' }
  | { kind: 'changes-requested' }
  | { kind: 'withdrawn' };

export interface RequestTransition {
  request: AccountRequest;
  event: RequestEvent;
}

/**
 * Sends a draft into review at the first stage; a resubmission after changes starts a new round at the stage
 * that asked for them, so earlier stages' approvals stand.
 */
export function submitRequest(request: AccountRequest, now: Date): RequestTransition {
  if (request.status !== 'draft' && request.status !== 'changes-requested') {
    throw new Error(`cannot submit a request that is ${request.status}`);
  }
  const at = now.toISOString();
  const first = request.status === 'draft';
  return {
    request: {
      ...request,
      status: 'in-review',
      round: first ? 1 : request.round + 1,
      stageIndex: first ? 0 : request.stageIndex,
      submittedAt: request.submittedAt ?? at,
      stageEnteredAt: at,
      updatedAt: at,
    },
    event: { kind: 'submitted' },
  };
}

/** Applies a decision already checked by canDecide; `stageDecisions` includes it. */
export function applyDecision(
  businessCase: BusinessCase,
  request: AccountRequest,
  decision: Decision,
  stageDecisions: readonly Decision[],
  now: Date,
): RequestTransition {
  const at = now.toISOString();
  if (decision.outcome === 'rejected') {
    return { request: { ...request, status: 'rejected', updatedAt: at, closedAt: at }, event: { kind: 'rejected' } };
  }
  if (decision.outcome === 'changes-requested') {
    return { request: { ...request, status: 'changes-requested', updatedAt: at }, event: { kind: 'changes-requested' } };
  }
  const stage = businessCase.stages[request.stageIndex]!;
  const approvedRoles = new Set(stageDecisions.filter((made) => made.outcome === 'approved').map((made) => made.roleId));
  const remainingRoleIds = stage.approvers.map((slot) => slot.roleId).filter((roleId) => !approvedRoles.has(roleId));
  if (remainingRoleIds.length > 0) {
    return { request: { ...request, updatedAt: at }, event: { kind: 'waiting', remainingRoleIds } };
  }
  if (request.stageIndex + 1 >= businessCase.stages.length) {
    return { request: { ...request, status: 'approved', updatedAt: at, closedAt: at }, event: { kind: 'approved' } };
  }
  return {
    request: { ...request, stageIndex: request.stageIndex + 1, stageEnteredAt: at, updatedAt: at },
    event: { kind: 'stage-advanced', fromStageIndex: request.stageIndex },
  };
}

export function withdrawRequest(request: AccountRequest, now: Date): RequestTransition {
  const at = now.toISOString();
  return { request: { ...request, status: 'withdrawn', updatedAt: at, closedAt: at }, event: { kind: 'withdrawn' } };
}
