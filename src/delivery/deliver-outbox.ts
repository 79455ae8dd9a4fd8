import { composeUnreachableNotices } from '../conversations/messages/compose-unreachable-notices.js';
import { enqueueOutbox, findCardRef, listDueOutbox, markOutboxFailed, markOutboxSent, markOutboxUnreachableTold, saveCardRef, type OutboxItem, type Recipient } from '../storage/outbox.js';
import type { TextSealer } from '../crypto/text-sealer.js';
import type { PolicyDeskDatabase } from '../storage/open-database.js';

/** A channel that can send outbox messages: it posts, or updates a card it posted before. */
export interface Deliverer {
  channel: string;
  /** Whether this channel has an address for the recipient; when several channels run, the first that does sends. */
  canReach?(recipient: Recipient): boolean;
  /** `existingRef` is where this card was posted before, for an update; returns where a new card went. */
  deliver(item: OutboxItem, existingRef: unknown): Promise<{ ref?: unknown }>;
}

/** The platform has no way to this recipient yet (no id for them, the app not installed): kept, retried, and the people concerned told. */
export class RecipientUnreachableError extends Error {
  constructor(message: string, readonly why: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RecipientUnreachableError';
  }
}

const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;
const RETRY_JITTER = 0.2;

/**
 * Sends every due message, oldest first, marking each sent as soon as it is. A message committed but not yet
 * sent when the process dies is sent on the next run; one marked sent is never sent again. Failures are
 * retried later with backoff; the error kept names no message content. An approver or officer who cannot be
 * reached is never passed over in silence: the requester and the communications team are told, once.
 */
export async function deliverOutbox(
  database: PolicyDeskDatabase,
  sealer: TextSealer,
  deliverers: Deliverer | readonly Deliverer[],
  clock: () => Date,
  logError: (error: unknown) => void = () => {},
  random: () => number = Math.random,
): Promise<number> {
  const channels = Array.isArray(deliverers) ? deliverers : [deliverers as Deliverer];
  let delivered = 0;
  let noticesQueued = true;
  // Notices queued on one pass are due at once: a second pass sends them.
  for (let pass = 0; pass < 2 && noticesQueued; pass += 1) {
    noticesQueued = false;
    for (const item of listDueOutbox(database, sealer, clock().toISOString())) {
      // Nobody reachable on any channel yet (no chat id in the directory): the first channel fails it, and it is kept.
      const deliverer = channels.find((channel) => channel.canReach?.(item.recipient) ?? true) ?? channels[0]!;
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
        // Exponential, never sooner than the platform asked (Retry-After), with jitter so retries do not arrive together.
        const backoff = Math.max(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** item.attempts), retryAfterMs(error) ?? 0) * (1 + random() * RETRY_JITTER);
        database.transaction(() => {
          markOutboxFailed(database, item.id, error instanceof Error ? error.name : 'error', new Date(clock().getTime() + backoff).toISOString());
          if (error instanceof RecipientUnreachableError && item.recipient.kind === 'person' && !item.unreachableTold) {
            for (const notice of composeUnreachableNotices(item, item.recipient, error.why)) enqueueOutbox(database, sealer, notice, clock().toISOString());
            markOutboxUnreachableTold(database, item.id);
            noticesQueued = true;
          }
        })();
      }
    }
  }
  return delivered;
}

/** How long the platform asked us to wait: Slack's rate-limit error (seconds) or an HTTP Retry-After header. */
export function retryAfterMs(error: unknown): number | undefined {
  const { retryAfter, response } = (error ?? {}) as { retryAfter?: unknown; response?: { headers?: { get?: (name: string) => string | null | undefined } } };
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) return retryAfter * 1000;
  const header = response?.headers?.get?.('retry-after');
  const seconds = header === null || header === undefined ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
