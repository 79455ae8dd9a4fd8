import { appendAudit } from '../storage/audit-log.js';
import type { PolicyDeskDatabase } from '../storage/open-database.js';

/** "2y", "18m", "6w", "90d": how long finished reports are kept. */
export function parseRetentionPeriod(text: string, now: Date): Date | undefined {
  const match = /^(\d{1,4})(d|w|m|y)$/.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const cutoff = new Date(now);
  if (match[2] === 'd') cutoff.setUTCDate(cutoff.getUTCDate() - amount);
  if (match[2] === 'w') cutoff.setUTCDate(cutoff.getUTCDate() - amount * 7);
  if (match[2] === 'm') cutoff.setUTCMonth(cutoff.getUTCMonth() - amount);
  if (match[2] === 'y') cutoff.setUTCFullYear(cutoff.getUTCFullYear() - amount);
  return cutoff;
}

/**
 * Deletes closed, cancelled and abandoned-draft reports last touched before `cutoff`, with everything sealed
 * that belongs to them, and sealed notifications sent before then. Open cases are never purged. The audit
 * trail (which holds no report content) keeps a record that the purge happened.
 */
export function purgeReports(database: PolicyDeskDatabase, cutoff: Date, now: Date): string[] {
  const before = cutoff.toISOString();
  return database.transaction(() => {
    const purged = (
      database
        .prepare(`SELECT id, relay_id FROM reports WHERE status IN ('closed', 'cancelled', 'draft') AND COALESCE(closed_at, updated_at) < ?`)
        .all(before) as { id: string; relay_id: string }[]
    );
    for (const { id, relay_id: relayId } of purged) {
      database.prepare('DELETE FROM reports WHERE id = ?').run(id);
      database.prepare('DELETE FROM report_relays WHERE relay_id = ?').run(relayId);
      database.prepare(`DELETE FROM issued_actions WHERE json_extract(payload, '$.reportId') = ?`).run(id);
    }
    database.prepare('DELETE FROM outbox WHERE sealed = 1 AND sent_at IS NOT NULL AND sent_at < ?').run(before);
    appendAudit(database, {
      at: now.toISOString(),
      actorKey: 'system:purge',
      actorName: 'policy-desk reports purge',
      channel: 'cli',
      action: 'reports-purged',
      detail: { before, reports: purged.map((report) => report.id) },
    });
    return purged.map((report) => report.id);
  })();
}
