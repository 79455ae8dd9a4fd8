import type { DecisionOutcome } from '../approvals/account-request.js';

/** Where one chat user is; stored after every turn, so a restart resumes exactly here. */
export type ConversationState =
  | { kind: 'idle' }
  /** Filling in a business case; the form's own progress is stored with the request. */
  | { kind: 'filling-form'; requestId: string }
  /** Asked whether to continue or discard an unfinished form. */
  | { kind: 'offering-draft'; requestId: string }
  /** An approver who pressed Reject or Request changes, and is now asked for the reason. */
  | {
      kind: 'giving-reason';
      requestId: string;
      round: number;
      stageIndex: number;
      outcome: Exclude<DecisionOutcome, 'approved'>;
    }
  /** Filling in a report; its answers are stored sealed with the report. */
  | { kind: 'reporting'; reportId: string }
  /** About to write something on a report: the next message is it. */
  | { kind: 'writing-on-report'; reportId: string; purpose: ReportWriting; outcome?: string | undefined };

/** What the next message is, for someone writing on a report: an officer's question, note or closing summary, or the reporter's reply or new information. */
export type ReportWriting = 'question' | 'note' | 'outcome' | 'reply' | 'information';
