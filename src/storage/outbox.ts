import type { Participant } from '../approvals/account-request.js';
import type { CurrentCard } from '../conversations/card-views.js';
import type { Message } from '../conversations/message.js';
import type { TextSealer } from '../crypto/text-sealer.js';
import type { PolicyDeskDatabase } from './open-database.js';

/** Who an outbox message is for: a person in the role directory, a chat user, or the council's comms channel. */
export type Recipient =
  | { kind: 'person'; councilId: string; personId: string; name: string }
  | { kind: 'participant'; participant: Participant }
  | { kind: 'comms-channel'; councilId: string; name: string };

export interface OutboxItem {
  id: number;
  recipient: Recipient;
  /** Set for cards that may later be updated in place. */
  cardKey?: string | undefined;
  operation: 'post' | 'update';
  message: Message;
  deliverAfter: string;
  attempts: number;
  /** The requester or reporter whose business this is: told if the recipient cannot be reached. */
  onBehalfOf?: Participant | undefined;
  confidential: boolean;
  /** Whether the people concerned have been told the recipient cannot be reached. */
  unreachableTold: boolean;
}

export interface NewOutboxItem {
  recipient: Recipient;
  cardKey?: string | undefined;
  operation?: 'post' | 'update';
  message: Message;
  /** Held back until then (a trial review months away); at once when absent. */
  deliverAfter?: string | undefined;
  /** About a report: the recipient and the message are stored sealed. */
  confidential?: boolean | undefined;
  /** The requester or reporter, told if the recipient cannot be reached. */
  onBehalfOf?: Participant | undefined;
}

export function enqueueOutbox(database: PolicyDeskDatabase, sealer: TextSealer, item: NewOutboxItem, now: string): void {
  const store = (value: unknown) => (item.confidential ? sealer.seal(JSON.stringify(value)) : JSON.stringify(value));
  database
    .prepare('INSERT INTO outbox (created_at, deliver_after, recipient, card_key, operation, message, sealed, on_behalf_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(now, item.deliverAfter ?? now, store(item.recipient), item.cardKey ?? null, item.operation ?? 'post', store(item.message), item.confidential ? 1 : 0, item.onBehalfOf ? store(item.onBehalfOf) : null);
}

interface OutboxRow {
  id: number;
  recipient: string;
  card_key: string | null;
  operation: 'post' | 'update';
  message: string;
  deliver_after: string;
  attempts: number;
  sealed: number;
  on_behalf_of: string | null;
  unreachable_told: number;
}

/** A stored JSON column of a row, opened first if the row is sealed. */
function readStored(sealer: TextSealer, row: Pick<OutboxRow, 'sealed'>, stored: string): unknown {
  return JSON.parse(row.sealed === 1 ? sealer.open(stored) : stored);
}

/** Unsent items due by `now`, oldest first, sealed ones opened. */
export function listDueOutbox(database: PolicyDeskDatabase, sealer: TextSealer, now: string, limit = 100): OutboxItem[] {
  const rows = database
    .prepare('SELECT * FROM outbox WHERE sent_at IS NULL AND deliver_after <= ? ORDER BY id LIMIT ?')
    .all(now, limit) as OutboxRow[];
  return rows.map((row) => {
    const read = (stored: string) => readStored(sealer, row, stored);
    return {
    id: row.id,
    recipient: read(row.recipient) as Recipient,
    cardKey: row.card_key ?? undefined,
    operation: row.operation,
    message: read(row.message) as Message,
    deliverAfter: row.deliver_after,
    attempts: row.attempts,
    onBehalfOf: row.on_behalf_of === null ? undefined : (read(row.on_behalf_of) as Participant),
    confidential: row.sealed === 1,
    unreachableTold: row.unreachable_told === 1,
    };
  });
}

export function markOutboxSent(database: PolicyDeskDatabase, id: number, at: string): void {
  database.prepare('UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ? AND sent_at IS NULL').run(at, id);
}

/** A failed send stays pending; the error is kept without the message, which may be confidential. */
export function markOutboxFailed(database: PolicyDeskDatabase, id: number, error: string, retryAfter: string): void {
  database.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, deliver_after = ? WHERE id = ?').run(error, retryAfter, id);
}

/** The newest message under a card key, sent or still waiting: the card as it now stands. */
export function findCurrentCard(database: PolicyDeskDatabase, sealer: TextSealer, cardKey: string): CurrentCard | undefined {
  const row = database.prepare('SELECT recipient, message, sealed FROM outbox WHERE card_key = ? ORDER BY id DESC LIMIT 1').get(cardKey) as
    | Pick<OutboxRow, 'recipient' | 'message' | 'sealed'>
    | undefined;
  if (!row) return undefined;
  const read = (stored: string) => readStored(sealer, row, stored);
  return { recipient: read(row.recipient) as Recipient, message: read(row.message) as Message, confidential: row.sealed === 1 };
}

export function markOutboxUnreachableTold(database: PolicyDeskDatabase, id: number): void {
  database.prepare('UPDATE outbox SET unreachable_told = 1 WHERE id = ?').run(id);
}

export function countPendingOutbox(database: PolicyDeskDatabase): number {
  return (database.prepare('SELECT COUNT(*) AS pending FROM outbox WHERE sent_at IS NULL').get() as { pending: number }).pending;
}

export function saveCardRef(database: PolicyDeskDatabase, cardKey: string, channel: string, ref: unknown): void {
  database
    .prepare('INSERT INTO card_refs (card_key, channel, ref) VALUES (?, ?, ?) ON CONFLICT (card_key, channel) DO UPDATE SET ref = excluded.ref')
    .run(cardKey, channel, JSON.stringify(ref));
}

export function findCardRef(database: PolicyDeskDatabase, cardKey: string, channel: string): unknown {
  const row = database.prepare('SELECT ref FROM card_refs WHERE card_key = ? AND channel = ?').get(cardKey, channel) as { ref: string } | undefined;
  return row ? (JSON.parse(row.ref) as unknown) : undefined;
}
