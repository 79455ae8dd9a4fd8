import type { Participant } from '../approvals/account-request.js';
import type { FormProgress } from '../forms/advance-form.js';
import type { ReportCategory, ReporterRole } from './report-categories.js';

export type ReportStatus = 'draft' | 'open' | 'acknowledged' | 'closed' | 'cancelled';

/** A file sent with a report, kept by the chat platform: only its name and reference are recorded. */
export interface AttachmentReference {
  name: string;
  ref: string;
}

/** Everything the reporter wrote: stored sealed, opened only for the reporter and the case's assignees. */
export interface ReportContent {
  progress: FormProgress;
  attachments: AttachmentReference[];
}

export interface Report {
  id: string;
  councilId: string;
  status: ReportStatus;
  /** The opaque link to whoever filed it; for an anonymous report, the only one. */
  relayId: string;
  anonymous: boolean;
  /** Set for a named report once filed; never for an anonymous one. */
  reporter?: Participant | undefined;
  reporterRole?: ReporterRole | undefined;
  category?: ReportCategory | undefined;
  urgency?: string | undefined;
  ruleId?: string | undefined;
  clauseId?: string | undefined;
  content: ReportContent;
  outcome?: string | undefined;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string | undefined;
  acknowledgeBy?: string | undefined;
  acknowledgedAt?: string | undefined;
  closedAt?: string | undefined;
}

export type ReportAssigneeReason = 'policy' | 'conflict-alternate' | 'escalation' | 'reassigned' | 'fallback';

export interface ReportAssignee {
  personId: string;
  roleId: string;
  reason: ReportAssigneeReason;
  assignedAt: string;
  removedAt?: string | undefined;
}

export type ReportEntryKind = 'note' | 'question' | 'reply' | 'information' | 'outcome';

export interface ReportEntry {
  at: string;
  kind: ReportEntryKind;
  /** 'reporter', or the officer's person id. */
  author: string;
  body: string;
}

export const REPORTER_AUTHOR = 'reporter';

export function isLive(report: Report): boolean {
  return report.status === 'open' || report.status === 'acknowledged';
}
