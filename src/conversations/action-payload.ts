import type { DecisionOutcome } from '../approvals/account-request.js';

/** What a button means, stored with its token when issued; the channel only ever carries the token. */
export type ActionPayload =
  | { kind: 'start-request' }
  | { kind: 'my-requests' }
  | { kind: 'help' }
  | { kind: 'start-report' }
  /** 👍 / 👎 on an answer: the clause it gave, not the question; both buttons share the answerId, so an answer has one vote, the latest. */
  | { kind: 'feedback'; clauseId?: string | undefined; helpful: boolean; answerId?: string | undefined }
  | { kind: 'draft'; requestId: string; choice: 'continue' | 'discard' }
  | { kind: 'form-answer'; requestId: string; fieldId: string; answer: string }
  | { kind: 'form-skip'; requestId: string; fieldId: string }
  | { kind: 'form-submit'; requestId: string }
  | { kind: 'form-edit'; requestId: string; fieldId?: string | undefined }
  | { kind: 'form-cancel'; requestId: string }
  | { kind: 'decide'; requestId: string; round: number; stageIndex: number; outcome: DecisionOutcome }
  | { kind: 'resubmit'; requestId: string; round: number }
  | { kind: 'withdraw'; requestId: string; round: number }
  | { kind: 'report-form'; reportId: string; move: 'answer' | 'skip' | 'submit' | 'edit' | 'cancel'; fieldId?: string | undefined; answer?: string | undefined }
  /** The reporter's buttons: reply to an officer's question, or add information. */
  | { kind: 'report-write'; reportId: string; purpose: 'reply' | 'information' }
  | { kind: 'case'; reportId: string; act: CaseAct; personId?: string | undefined; outcome?: string | undefined };

/** What an officer can do on a case card. */
export type CaseAct = 'open' | 'acknowledge' | 'ask' | 'note' | 'reassign' | 'reassign-to' | 'close' | 'close-with';
