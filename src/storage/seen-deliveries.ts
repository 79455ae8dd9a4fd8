import type { PolicyDeskDatabase } from './open-database.js';

const KEEP_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * True the first time a platform delivery id (Slack's event_id, Teams' activity id) is seen; false for a retry.
 * Called inside the turn's transaction, so a delivery whose turn failed is not remembered and its retry is taken.
 */
export function recordDelivery(database: PolicyDeskDatabase, deliveryId: string, now: Date): boolean {
  return database.prepare('INSERT OR IGNORE INTO seen_events (event_id, seen_at) VALUES (?, ?)').run(deliveryId, now.toISOString()).changes === 1;
}

/** Platforms retry within minutes; ids older than a day are no longer needed. */
export function forgetOldDeliveries(database: PolicyDeskDatabase, now: Date): void {
  database.prepare('DELETE FROM seen_events WHERE seen_at < ?').run(new Date(now.getTime() - KEEP_FOR_MS).toISOString());
}
