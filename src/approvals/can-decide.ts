import type { Person } from '../directory/role-directory.js';
import type { AccountRequest, Decision } from './account-request.js';
import type { StageSlot } from './resolve-stage-slots.js';

export type DecisionCheck =
  | { kind: 'allowed'; slot: StageSlot }
  /** The card is for an earlier round or stage, or the request is already closed. */
  | { kind: 'stale' }
  /** This person, or another holder of their role, has already decided this stage. */
  | { kind: 'already-decided'; decision: Decision }
  | { kind: 'not-approver' }
  | { kind: 'own-request' };

export interface DecisionAttempt {
  request: AccountRequest;
  /** The round and stage the pressed card was issued for. */
  card: { round: number; stageIndex: number };
  slots: readonly StageSlot[];
  /** Decisions already made in the request's current round and stage. */
  decisions: readonly Decision[];
  participantKey: string;
  person: Person | undefined;
  /** Roles in this stage escalated to their alternate, who may then decide too. */
  escalatedRoleIds: ReadonlySet<string>;
}

/** Whether this person may decide this stage now, and for which role: only holders of a stage role, once each. */
export function canDecide(attempt: DecisionAttempt): DecisionCheck {
  const { request, card, slots, decisions, participantKey, person } = attempt;
  if (request.status !== 'in-review' || card.round !== request.round || card.stageIndex !== request.stageIndex) {
    return { kind: 'stale' };
  }
  const own = decisions.find((decision) => decision.decider.key === participantKey || (person && decision.decider.personId === person.id));
  if (own) return { kind: 'already-decided', decision: own };
  if (!person) return { kind: 'not-approver' };
  if (request.requester.key === participantKey || request.requester.personId === person.id) return { kind: 'own-request' };
  const held = slots.filter(
    (slot) =>
      slot.holders.some((holder) => holder.id === person.id) ||
      (slot.alternate?.id === person.id && attempt.escalatedRoleIds.has(slot.roleId)),
  );
  if (held.length === 0) return { kind: 'not-approver' };
  const open = held.find((slot) => !decisions.some((decision) => decision.roleId === slot.roleId));
  if (open) return { kind: 'allowed', slot: open };
  return { kind: 'already-decided', decision: decisions.find((decision) => decision.roleId === held[0]!.roleId)! };
}
