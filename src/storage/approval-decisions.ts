import type { Decision, DecisionOutcome } from '../approvals/account-request.js';
import type { ChannelName } from '../directory/role-directory.js';
import type { PolicyDeskDatabase } from './open-database.js';

interface DecisionRow {
  request_id: string;
  round: number;
  stage_index: number;
  role_id: string;
  decider_key: string;
  decider_name: string;
  decider_person_id: string | null;
  decider_channel: ChannelName;
  outcome: DecisionOutcome;
  comment: string | null;
  decided_at: string;
}

/**
 * Records a decision unless one already exists for the role or the person in that round and stage;
 * the UNIQUE constraints make that exact even when two approvers press at once. Returns whether it was recorded.
 */
export function recordDecision(database: PolicyDeskDatabase, decision: Decision): boolean {
  const result = database
    .prepare(
      `INSERT INTO approval_decisions
         (request_id, round, stage_index, role_id, decider_key, decider_name, decider_person_id, decider_channel, outcome, comment, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    )
    .run(
      decision.requestId,
      decision.round,
      decision.stageIndex,
      decision.roleId,
      decision.decider.key,
      decision.decider.name,
      decision.decider.personId ?? null,
      decision.decider.channel,
      decision.outcome,
      decision.comment ?? null,
      decision.decidedAt,
    );
  return result.changes === 1;
}

/** In the order made; optionally for one round and stage. */
export function listDecisions(
  database: PolicyDeskDatabase,
  requestId: string,
  at?: { round: number; stageIndex: number },
): Decision[] {
  const rows = (
    at === undefined
      ? database.prepare('SELECT * FROM approval_decisions WHERE request_id = ? ORDER BY id').all(requestId)
      : database
          .prepare('SELECT * FROM approval_decisions WHERE request_id = ? AND round = ? AND stage_index = ? ORDER BY id')
          .all(requestId, at.round, at.stageIndex)
  ) as DecisionRow[];
  return rows.map((row) => ({
    requestId: row.request_id,
    round: row.round,
    stageIndex: row.stage_index,
    roleId: row.role_id,
    decider: { key: row.decider_key, name: row.decider_name, personId: row.decider_person_id ?? undefined, channel: row.decider_channel },
    outcome: row.outcome,
    comment: row.comment ?? undefined,
    decidedAt: row.decided_at,
  }));
}
