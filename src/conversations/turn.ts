import type { AskerRole } from '../answers/match-clauses.js';
import type { Participant } from '../approvals/account-request.js';
import type { Message } from './message.js';

export type TurnInput = { kind: 'text'; text: string } | { kind: 'button'; actionId: string; value: string };

/** One thing a user did: who, for which council, and what they typed or pressed. */
export interface Turn {
  participant: Participant;
  councilId: string;
  input: TurnInput;
  /** Employee or councillor, when the channel knows; otherwise the matcher reads it from the question. */
  askerRole?: AskerRole | undefined;
}

export interface TurnResult {
  /** Said back to the user who acted, in the place they acted. */
  replies: Message[];
}
