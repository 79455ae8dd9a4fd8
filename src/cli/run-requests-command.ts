import { REQUEST_STATUSES, type AccountRequest, type RequestStatus } from '../approvals/account-request.js';
import { PolicyDeskError } from '../errors.js';
import { findAccountRequest, listAccountRequests } from '../storage/account-requests.js';
import { listDecisions } from '../storage/approval-decisions.js';
import { listAudit } from '../storage/audit-log.js';
import { openDatabase, type PolicyDeskDatabase } from '../storage/open-database.js';
import type { CommandOutput } from './command-output.js';
import { parseCommandArguments } from './parse-command-arguments.js';

const USAGE = 'usage: policy-desk requests list [--council <id>] [--status <status>] | show <id> | export --format csv|json [--council <id>]';

/** The admin's view of business cases: a list, one case with its decisions and audit trail, or an export. */
export function runRequestsCommand(args: readonly string[], databasePath: string, output: CommandOutput): number {
  const [subcommand, ...rest] = args;
  const parsed = parseCommandArguments(
    rest,
    { council: { type: 'string' }, status: { type: 'string' }, format: { type: 'string' } },
    USAGE,
  );
  const councilId = parsed.options.council as string | undefined;
  const status = parsed.options.status as string | undefined;
  if (status !== undefined && !(REQUEST_STATUSES as readonly string[]).includes(status)) {
    throw new PolicyDeskError('INVALID_ARGUMENTS', `--status must be one of ${REQUEST_STATUSES.join(', ')}; ${USAGE}`);
  }
  const format = parsed.options.format as string | undefined;
  if (subcommand === 'export' && format !== 'csv' && format !== 'json') {
    throw new PolicyDeskError('INVALID_ARGUMENTS', `export needs --format csv or --format json; ${USAGE}`);
  }
  if (subcommand === 'show' && parsed.positionals.length !== 1) {
    throw new PolicyDeskError('INVALID_ARGUMENTS', `show needs one request id, e.g. BC-2026-0001; ${USAGE}`);
  }
  if (subcommand !== 'list' && subcommand !== 'show' && subcommand !== 'export') {
    throw new PolicyDeskError('INVALID_ARGUMENTS', `${subcommand ? `unknown requests command "${subcommand}"` : 'no requests command given'}; ${USAGE}`);
  }
  const database = openDatabase(databasePath);
  try {
    const filter = { councilId, statuses: status === undefined ? undefined : [status as RequestStatus] };
    if (subcommand === 'list') return listRequests(listAccountRequests(database, filter), output);
    if (subcommand === 'show') return showRequest(database, parsed.positionals[0]!, output);
    return exportRequests(database, listAccountRequests(database, filter), format === 'csv' ? 'csv' : 'json', output);
  } finally {
    database.close();
  }
}

function listRequests(requests: AccountRequest[], output: CommandOutput): number {
  if (requests.length === 0) output.print('No requests recorded.');
  for (const request of requests) {
    output.print([request.id, request.councilId, request.status.padEnd(17), `round ${request.round} stage ${request.stageIndex + 1}`, request.requester.name, request.updatedAt].join('  '));
  }
  return 0;
}

function showRequest(database: PolicyDeskDatabase, id: string, output: CommandOutput): number {
  const request = findAccountRequest(database, id);
  if (!request) throw new PolicyDeskError('INVALID_ARGUMENTS', `no request "${id}"; policy-desk requests list shows them`);
  output.print(`${request.id}  ${request.councilId}  ${request.status}  round ${request.round}, stage ${request.stageIndex + 1}`);
  output.print(`requested by ${request.requester.name} (${request.requester.key}) on ${request.createdAt}`);
  output.print('answers:');
  for (const [fieldId, answer] of Object.entries(request.progress.answers)) output.print(`  ${fieldId}: ${answer?.display ?? '(skipped)'}`);
  output.print('decisions:');
  for (const decision of listDecisions(database, id)) {
    output.print(`  round ${decision.round} stage ${decision.stageIndex + 1}  ${decision.roleId}  ${decision.decider.name}  ${decision.outcome}  ${decision.decidedAt}${decision.comment ? `  "${decision.comment}"` : ''}`);
  }
  output.print('audit trail:');
  for (const entry of listAudit(database, id)) output.print(`  ${entry.at}  ${entry.channel}  ${entry.actorName}  ${entry.action}${entry.detail ? `  ${JSON.stringify(entry.detail)}` : ''}`);
  return 0;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function exportRequests(database: PolicyDeskDatabase, requests: AccountRequest[], format: 'csv' | 'json', output: CommandOutput): number {
  const rows = requests.map((request) => ({
    id: request.id,
    council: request.councilId,
    status: request.status,
    round: request.round,
    stage: request.stageIndex + 1,
    requester: request.requester.name,
    created_at: request.createdAt,
    submitted_at: request.submittedAt ?? '',
    closed_at: request.closedAt ?? '',
    answers: Object.fromEntries(Object.entries(request.progress.answers).map(([fieldId, answer]) => [fieldId, answer?.display ?? null])),
    decisions: listDecisions(database, request.id).map((decision) => ({
      round: decision.round,
      stage: decision.stageIndex + 1,
      role: decision.roleId,
      decider: decision.decider.name,
      outcome: decision.outcome,
      comment: decision.comment ?? null,
      decided_at: decision.decidedAt,
    })),
  }));
  if (format === 'json') {
    output.print(JSON.stringify(rows, null, 2));
    return 0;
  }
  const columns = ['id', 'council', 'status', 'round', 'stage', 'requester', 'created_at', 'submitted_at', 'closed_at', 'answers', 'decisions'] as const;
  output.print(columns.join(','));
  for (const row of rows) {
    output.print(columns.map((column) => csvCell(typeof row[column] === 'object' ? JSON.stringify(row[column]) : String(row[column]))).join(','));
  }
  return 0;
}
