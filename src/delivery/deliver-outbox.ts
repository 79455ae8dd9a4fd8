import { findCardRef, listDueOutbox, markOutboxFailed, markOutboxSent, saveCardRef, type OutboxItem } from '../storage/outbox.js';
import type { TextSealer } from '../crypto/text-sealer.js';
import type { PolicyDeskDatabase } from '../storage/open-database.js';

/** A channel that can send outbox messages: it posts, or updates a card it posted before. */
export interface Deliverer {
  channel: string;
  /** `existingRef` is where this card was posted before, for an update; returns where a new card went. */
  deliver(item: OutboxItem, existingRef: unknown): Promise<{ ref?: unknown }>;
}

const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;

/**
 * Sends every due message, oldest first, marking each sent as soon as it is. A message committed but not yet
 * sent when the process dies is sent on the next run; one marked sent is never sent again. Failures are
 * retried later with backoff; the error kept names no message content.
 */
export async function deliverOutbox(
  database: PolicyDeskDatabase,
  sealer: TextSealer,
  deliverer: Deliverer,
  clock: () => Date,
  logError: (error: unknown) => void = () => {},
): Promise<number> {
  let delivered = 0;
  for (const item of listDueOutbox(database, sealer, clock().toISOString())) {
    const existingRef = item.cardKey === undefined ? undefined : findCardRef(database, item.cardKey, deliverer.channel);
    try {
      const { ref } = await deliverer.deliver(item, existingRef);
      database.transaction(() => {
        markOutboxSent(database, item.id, clock().toISOString());
        if (item.cardKey !== undefined && ref !== undefined) saveCardRef(database, item.cardKey, deliverer.channel, ref);
      })();
      delivered += 1;
    } catch (error) {
      logError(error);
      const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** item.attempts);
      markOutboxFailed(database, item.id, error instanceof Error ? error.name : 'error', new Date(clock().getTime() + backoff).toISOString());
    }
  }
  return delivered;
}
