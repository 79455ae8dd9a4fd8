import type { PolicyDeskDatabase } from './open-database.js';

export interface AuditEntry {
  at: string;
  requestId?: string | undefined;
  actorKey: string;
  actorName: string;
  channel: string;
  action: string;
  detail?: Record<string, unknown> | undefined;
}

/** Appends one entry; the table refuses updates and deletes (see db/002). */
export function appendAudit(database: PolicyDeskDatabase, entry: AuditEntry): void {
  database
    .prepare('INSERT INTO audit_log (at, request_id, actor_key, actor_name, channel, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(entry.at, entry.requestId ?? null, entry.actorKey, entry.actorName, entry.channel, entry.action, entry.detail ? JSON.stringify(entry.detail) : null);
}

interface AuditRow {
  at: string;
  request_id: string | null;
  actor_key: string;
  actor_name: string;
  channel: string;
  action: string;
  detail: string | null;
}

export function listAudit(database: PolicyDeskDatabase, requestId?: string): AuditEntry[] {
  const rows = (
    requestId === undefined
      ? database.prepare('SELECT * FROM audit_log ORDER BY id').all()
      : database.prepare('SELECT * FROM audit_log WHERE request_id = ? ORDER BY id').all(requestId)
  ) as AuditRow[];
  return rows.map((row) => ({
    at: row.at,
    requestId: row.request_id ?? undefined,
    actorKey: row.actor_key,
    actorName: row.actor_name,
    channel: row.channel,
    action: row.action,
    detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : undefined,
  }));
}
