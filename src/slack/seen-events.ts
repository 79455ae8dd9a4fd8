import type { PolicyDeskDatabase } from '../storage/open-database.js';

const KEEP_FOR_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
const lastPruned = new WeakMap<PolicyDeskDatabase, number>();

/** True the first time an event id is seen; false for a retry. Ids older than a day are forgotten (Slack retries within minutes). */
export function markEventSeen(database: PolicyDeskDatabase, eventId: string, now: Date): boolean {
  if (now.getTime() - (lastPruned.get(database) ?? 0) > PRUNE_EVERY_MS) {
    database.prepare('DELETE FROM seen_events WHERE seen_at < ?').run(new Date(now.getTime() - KEEP_FOR_MS).toISOString());
    lastPruned.set(database, now.getTime());
  }
  return database.prepare('INSERT OR IGNORE INTO seen_events (event_id, seen_at) VALUES (?, ?)').run(eventId, now.toISOString()).changes === 1;
}
