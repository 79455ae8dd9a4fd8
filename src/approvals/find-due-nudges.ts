import { addWorkingDays } from '../calendar/working-days.js';
import type { AccountRequest } from './account-request.js';

export type NudgeKind = 'reminder' | 'escalation';

export interface Nudge {
  requestId: string;
  round: number;
  stageIndex: number;
  roleId: string;
  kind: NudgeKind;
}

export interface PendingStage {
  request: AccountRequest;
  stageRoleIds: readonly string[];
  decidedRoleIds: ReadonlySet<string>;
  /** Nudges already sent for this round and stage, as "kind:roleId". */
  sent: ReadonlySet<string>;
  reminderAfterWorkingDays: number;
}

/**
 * An undecided role is reminded after N working days in the stage, and escalated to its alternate after 2N:
 * each at most once per round and stage, so a restart or a second tick never nudges twice.
 */
export function findDueNudges(pending: PendingStage, now: Date, bankHolidays: ReadonlySet<string>): Nudge[] {
  const { request } = pending;
  if (request.status !== 'in-review' || request.stageEnteredAt === undefined) return [];
  const entered = new Date(request.stageEnteredAt);
  const dueAt: Record<NudgeKind, Date> = {
    reminder: addWorkingDays(entered, pending.reminderAfterWorkingDays, bankHolidays),
    escalation: addWorkingDays(entered, pending.reminderAfterWorkingDays * 2, bankHolidays),
  };
  return pending.stageRoleIds
    .filter((roleId) => !pending.decidedRoleIds.has(roleId))
    .flatMap((roleId) =>
      (['reminder', 'escalation'] as const)
        .filter((kind) => dueAt[kind] <= now && !pending.sent.has(`${kind}:${roleId}`))
        .map((kind) => ({ requestId: request.id, round: request.round, stageIndex: request.stageIndex, roleId, kind })),
    );
}
