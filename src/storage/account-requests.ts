import type { AccountRequest, RequestStatus } from '../approvals/account-request.js';
import type { ChannelName } from '../directory/role-directory.js';
import type { FormProgress } from '../forms/advance-form.js';
import type { PolicyDeskDatabase } from './open-database.js';

interface RequestRow {
  id: string;
  council_id: string;
  requester_key: string;
  requester_name: string;
  requester_person_id: string | null;
  requester_channel: ChannelName;
  status: RequestStatus;
  progress: string;
  stage_index: number;
  round: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  stage_entered_at: string | null;
  closed_at: string | null;
}

function toRequest(row: RequestRow): AccountRequest {
  return {
    id: row.id,
    councilId: row.council_id,
    requester: { key: row.requester_key, name: row.requester_name, personId: row.requester_person_id ?? undefined, channel: row.requester_channel },
    status: row.status,
    progress: JSON.parse(row.progress) as FormProgress,
    stageIndex: row.stage_index,
    round: row.round,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at ?? undefined,
    stageEnteredAt: row.stage_entered_at ?? undefined,
    closedAt: row.closed_at ?? undefined,
  };
}

function toRow(request: AccountRequest): RequestRow {
  return {
    id: request.id,
    council_id: request.councilId,
    requester_key: request.requester.key,
    requester_name: request.requester.name,
    requester_person_id: request.requester.personId ?? null,
    requester_channel: request.requester.channel,
    status: request.status,
    progress: JSON.stringify(request.progress),
    stage_index: request.stageIndex,
    round: request.round,
    created_at: request.createdAt,
    updated_at: request.updatedAt,
    submitted_at: request.submittedAt ?? null,
    stage_entered_at: request.stageEnteredAt ?? null,
    closed_at: request.closedAt ?? null,
  };
}

const COLUMNS = [
  'id', 'council_id', 'requester_key', 'requester_name', 'requester_person_id', 'requester_channel', 'status', 'progress',
  'stage_index', 'round', 'created_at', 'updated_at', 'submitted_at', 'stage_entered_at', 'closed_at',
] as const;

/** Inserts or replaces the request as a whole: every change is one row write inside the caller's transaction. */
export function saveAccountRequest(database: PolicyDeskDatabase, request: AccountRequest): void {
  database
    .prepare(`INSERT OR REPLACE INTO account_requests (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((column) => `@${column}`).join(', ')})`)
    .run(toRow(request));
}

export function findAccountRequest(database: PolicyDeskDatabase, id: string): AccountRequest | undefined {
  const row = database.prepare('SELECT * FROM account_requests WHERE id = ?').get(id) as RequestRow | undefined;
  return row && toRequest(row);
}

export interface RequestFilter {
  councilId?: string | undefined;
  requesterKey?: string | undefined;
  statuses?: readonly RequestStatus[] | undefined;
}

/** Oldest first. */
export function listAccountRequests(database: PolicyDeskDatabase, filter: RequestFilter = {}): AccountRequest[] {
  const conditions: string[] = [];
  const values: string[] = [];
  if (filter.councilId !== undefined) {
    conditions.push('council_id = ?');
    values.push(filter.councilId);
  }
  if (filter.requesterKey !== undefined) {
    conditions.push('requester_key = ?');
    values.push(filter.requesterKey);
  }
  if (filter.statuses !== undefined) {
    conditions.push(`status IN (${filter.statuses.map(() => '?').join(', ') || "''"})`);
    values.push(...filter.statuses);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = database.prepare(`SELECT * FROM account_requests ${where} ORDER BY created_at, id`).all(...values) as RequestRow[];
  return rows.map(toRequest);
}

/** The next reference for a prefix such as BC-2026: BC-2026-0001, BC-2026-0002, ... */
export function nextReference(database: PolicyDeskDatabase, prefix: string): string {
  const row = database
    .prepare(
      `INSERT INTO reference_counters (prefix, last_number) VALUES (?, 1)
       ON CONFLICT (prefix) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
    )
    .get(prefix) as { last_number: number };
  return `${prefix}-${String(row.last_number).padStart(4, '0')}`;
}
