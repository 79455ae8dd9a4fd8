import type { ConversationState } from '../conversations/conversation-state.js';
import type { TextSealer } from '../crypto/text-sealer.js';
import type { PolicyDeskDatabase } from './open-database.js';

// Rows are found by a keyed fingerprint of the chat id, and the state is sealed: in clear, a row updated at
// the moment an anonymous report was filed would name its reporter.
export function loadConversationState(database: PolicyDeskDatabase, sealer: TextSealer, userKey: string): ConversationState {
  const row = database.prepare('SELECT state FROM conversations WHERE user_key = ?').get(sealer.fingerprint(userKey)) as { state: string } | undefined;
  return row ? (JSON.parse(sealer.open(row.state)) as StoredState).state : { kind: 'idle' };
}

export function saveConversationState(
  database: PolicyDeskDatabase,
  sealer: TextSealer,
  userKey: string,
  councilId: string,
  state: ConversationState,
  at: string,
): void {
  const stored: StoredState = { userKey, state };
  database
    .prepare(
      `INSERT INTO conversations (user_key, council_id, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_key) DO UPDATE SET council_id = excluded.council_id, state = excluded.state, updated_at = excluded.updated_at`,
    )
    .run(sealer.fingerprint(userKey), councilId, sealer.seal(JSON.stringify(stored)), at);
}

/** The chat id travels sealed with the state, so a key rotation can recompute the row's fingerprint. */
interface StoredState {
  userKey: string;
  state: ConversationState;
}

/** After a key rotation: re-seals every state and re-keys its row under the current key's fingerprint. */
export function resealConversationStates(database: PolicyDeskDatabase, sealer: TextSealer): number {
  const rows = database.prepare('SELECT user_key, state FROM conversations').all() as { user_key: string; state: string }[];
  let changed = 0;
  for (const row of rows) {
    if (sealer.isCurrent(row.state)) continue;
    const plain = sealer.open(row.state);
    const { userKey } = JSON.parse(plain) as StoredState;
    database.prepare('UPDATE conversations SET user_key = ?, state = ? WHERE user_key = ?').run(sealer.fingerprint(userKey), sealer.seal(plain), row.user_key);
    changed += 1;
  }
  return changed;
}
