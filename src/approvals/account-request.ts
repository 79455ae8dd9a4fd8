import type { ChannelName } from '../directory/role-directory.js';
import type { FormProgress } from '../forms/advance-form.js';

export const REQUEST_STATUSES = ['draft', 'in-review', 'changes-requested', 'approved', 'rejected', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Someone in a chat: `key` is channel and user id ("slack:U0123"), stable across restarts. */
export interface Participant {
  key: string;
  name: string;
  /** Their id in the role directory, when it lists them. */
  personId?: string | undefined;
  channel: ChannelName;
}

/** A service's request for its own social media account: the business case and where it is in approval. */
export interface AccountRequest {
  id: string;
  councilId: string;
  requester: Participant;
  status: RequestStatus;
  progress: FormProgress;
  /** Which approval stage is deciding (0-based), and which round: each resubmission after changes is a new round. */
  stageIndex: number;
  round: number;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string | undefined;
  stageEnteredAt?: string | undefined;
  closedAt?: string | undefined;
}

export type DecisionOutcome = 'approved' | 'rejected' | 'changes-requested';

export interface Decision {
  requestId: string;
  round: number;
  stageIndex: number;
  roleId: string;
  decider: Participant;
  outcome: DecisionOutcome;
  comment?: string | undefined;
  decidedAt: string;
}
