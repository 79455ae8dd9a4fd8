import type { Nudge } from '../approvals/find-due-nudges.js';
import type { PolicyDeskDatabase } from './open-database.js';

export function recordNudge(database: PolicyDeskDatabase, nudge: Nudge, at: string): boolean {
  return (
    database
      .prepare(
        `INSERT INTO approval_nudges (request_id, round, stage_index, role_id, kind, sent_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(nudge.requestId, nudge.round, nudge.stageIndex, nudge.roleId, nudge.kind, at).changes === 1
  );
}

/** Nudges sent in a round and stage, as "kind:roleId". */
export function listNudges(database: PolicyDeskDatabase, requestId: string, round: number, stageIndex: number): Set<string> {
  const rows = database
    .prepare('SELECT kind, role_id FROM approval_nudges WHERE request_id = ? AND round = ? AND stage_index = ?')
    .all(requestId, round, stageIndex) as { kind: string; role_id: string }[];
  return new Set(rows.map((row) => `${row.kind}:${row.role_id}`));
}

/** Roles in a round and stage already escalated to their alternate, who may then decide too. */
export function listEscalatedRoleIds(database: PolicyDeskDatabase, requestId: string, round: number, stageIndex: number): Set<string> {
  return new Set(
    [...listNudges(database, requestId, round, stageIndex)]
      .filter((nudge) => nudge.startsWith('escalation:'))
      .map((nudge) => nudge.slice('escalation:'.length)),
  );
}
