import type { ConversationState } from '../conversations/conversation-state.js';
import type { PolicyDeskDatabase } from './open-database.js';

export function loadConversationState(database: PolicyDeskDatabase, userKey: string): ConversationState {
  const row = database.prepare('SELECT state FROM conversations WHERE user_key = ?').get(userKey) as { state: string } | undefined;
  return row ? (JSON.parse(row.state) as ConversationState) : { kind: 'idle' };
}

export function saveConversationState(
  database: PolicyDeskDatabase,
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
    .run(userKey, councilId, JSON.stringify(state), at);
}
