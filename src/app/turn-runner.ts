import type { ConversationCore } from '../conversations/create-conversation-core.js';
import type { Turn, TurnResult } from '../conversations/turn.js';

/**
 * Where a chat server's turns run: in this thread (the console, tests with a fake clock) or in a worker
 * thread (the chat servers), so that matching and SQLite never hold back an acknowledgement.
 */
export interface TurnRunner {
  handleTurn(turn: Turn): Promise<TurnResult>;
  /** Reminders and escalations that have fallen due; returns how many were sent. */
  runScheduledWork(): Promise<number>;
  close(): Promise<void>;
}

export function runTurnsInProcess(core: ConversationCore): TurnRunner {
  return {
    handleTurn: async (turn) => core.handleTurn(turn),
    runScheduledWork: async () => core.runScheduledWork(),
    close: async () => {},
  };
}
