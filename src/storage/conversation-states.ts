import type { ConversationState } from '../conversations/conversation-state.js';
import type { TextSealer } from '../crypto/text-sealer.js';
import type { PolicyDeskDatabase } from './open-database.js';

// States are sealed: one in the middle of a report would otherwise tie a chat user to a report id.
export function loadConversationState(database: PolicyDeskDatabase, sealer: TextSealer, userKey: string): ConversationState {
  const row = database.prepare('SELECT state FROM conversations WHERE user_key = ?').get(userKey) as { state: string } | undefined;
  return row ? (JSON.parse(sealer.open(row.state)) as ConversationState) : { kind: 'idle' };
}

export function saveConversationState(
  database: PolicyDeskDatabase,
  sealer: TextSealer,
  userKey: string,
  councilId: string,
  state: ConversationState,
  at: string,
): void {
  database
    .prepare(
      `INSERT INTO conversations (user_key, council_id, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_key) DO UPDATE SET council_id = excluded.council_id, state = excluded.state, updated_at = excluded.updated_at`,
    )
    .run(userKey, councilId, sealer.seal(JSON.stringify(state)), at);
}
