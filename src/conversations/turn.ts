import type { AskerRole } from '../answers/match-clauses.js';
import type { Participant } from '../approvals/account-request.js';
import type { AttachmentReference } from '../reports/report.js';
import type { FormView, Message } from './message.js';

export type TurnInput =
  /** Files sent with the message are kept by the chat platform; only their names and references reach the core. */
  | { kind: 'text'; text: string; attachments?: AttachmentReference[] | undefined }
  | { kind: 'button'; actionId: string; value: string }
  /** A channel's own shortcut (Slack's "/policy report", an App Home button): no intent to guess. */
  | { kind: 'command'; command: TurnCommand }
  /** A whole form's answers at once, by field id, from a FormView the core gave earlier. */
  | { kind: 'form'; formId: string; answers: Record<string, string> };

/** `request-form`: the business case as one FormView, for a channel that can show a whole form. */
export type TurnCommand = 'request' | 'request-form' | 'report' | 'status' | 'help';

/** A direct message with the bot, or a channel others can read: reports are only ever taken in private. */
export type Place = 'direct' | 'channel';

/** One thing a user did: who, for which council, and what they typed or pressed. */
export interface Turn {
  participant: Participant;
  councilId: string;
  input: TurnInput;
  /** Employee or councillor, when the channel knows; otherwise the matcher reads it from the question. */
  askerRole?: AskerRole | undefined;
  /** Where it was said; a direct message when absent (the console). */
  place?: Place | undefined;
  /** The platform's id for this delivery (Slack's event_id): a retried delivery has one effect. */
  deliveryId?: string | undefined;
}

export interface TurnResult {
  /** Said back to the user who acted, in the place they acted. */
  replies: Message[];
  /** A form to show whole (answer to `request-form`). */
  form?: FormView | undefined;
  /** A `form` turn refused: what is wrong, by field id. Nothing was saved; the form stays open. */
  formProblems?: Record<string, string> | undefined;
  /** The turn put messages in the outbox for others (approvers, officers, the comms channel). */
  notified?: boolean;
  /** The delivery was seen before: nothing was done, and nothing should be said. */
  duplicate?: boolean;
}
