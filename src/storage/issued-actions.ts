import type { PolicyDeskDatabase } from './open-database.js';

export interface IssuedAction<Payload> {
  token: string;
  actionId: string;
  payload: Payload;
  issuedAt: string;
}

export function recordIssuedAction(database: PolicyDeskDatabase, action: IssuedAction<unknown>): void {
  database
    .prepare('INSERT INTO issued_actions (token, action_id, payload, issued_at) VALUES (?, ?, ?, ?)')
    .run(action.token, action.actionId, JSON.stringify(action.payload), action.issuedAt);
}

/** The action a token was issued for, only if the action id pressed is the one it was issued with. */
export function findIssuedAction(database: PolicyDeskDatabase, token: string, actionId: string): IssuedAction<unknown> | undefined {
  const row = database.prepare('SELECT * FROM issued_actions WHERE token = ? AND action_id = ?').get(token, actionId) as
    | { token: string; action_id: string; payload: string; issued_at: string }
    | undefined;
  return row && { token: row.token, actionId: row.action_id, payload: JSON.parse(row.payload) as unknown, issuedAt: row.issued_at };
}
