import type { Participant } from '../approvals/account-request.js';
import type { TextSealer } from '../crypto/text-sealer.js';
import type { ChannelName } from '../directory/role-directory.js';
import type { ReportCategory, ReporterRole } from '../reports/report-categories.js';
import type {
  Report,
  ReportAssignee,
  ReportAssigneeReason,
  ReportContent,
  ReportEntry,
  ReportEntryKind,
  ReportStatus,
} from '../reports/report.js';
import type { PolicyDeskDatabase } from './open-database.js';

interface ReportRow {
  id: string;
  council_id: string;
  status: ReportStatus;
  relay_id: string;
  anonymous: number;
  reporter_key: string | null;
  reporter_name: string | null;
  reporter_person_id: string | null;
  reporter_role: ReporterRole | null;
  category: ReportCategory | null;
  urgency: string | null;
  rule_id: string | null;
  clause_id: string | null;
  sealed_content: string;
  outcome: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  acknowledge_by: string | null;
  acknowledged_at: string | null;
  closed_at: string | null;
}

const COLUMNS = [
  'id', 'council_id', 'status', 'relay_id', 'anonymous', 'reporter_key', 'reporter_name', 'reporter_person_id', 'reporter_role',
  'category', 'urgency', 'rule_id', 'clause_id', 'sealed_content', 'outcome', 'created_at', 'updated_at', 'submitted_at',
  'acknowledge_by', 'acknowledged_at', 'closed_at',
] as const;

/** Reads and writes reports; content, entries and reporters are sealed on the way in and opened on the way out. */
export interface ReportStore {
  save(report: Report): void;
  find(id: string): Report | undefined;
  list(filter: { councilId?: string; statuses?: ReportStatus[] }): Report[];
  /** Makes the opaque link for a new report: the reporter is sealed and findable only by fingerprint. */
  createRelay(relayId: string, reporter: Participant): void;
  reporterOf(report: Report): Participant | undefined;
  /** Reports filed or drafted by this chat user, named or anonymous, newest last. */
  listByReporter(userKey: string, councilId: string): Report[];
  assign(reportId: string, assignee: Omit<ReportAssignee, 'removedAt'>): void;
  unassign(reportId: string, personId: string, at: string): void;
  assignees(reportId: string, includeRemoved?: boolean): ReportAssignee[];
  addEntry(reportId: string, entry: Omit<ReportEntry, never> & { kind: ReportEntryKind }): void;
  entries(reportId: string): ReportEntry[];
  markNudged(reportId: string, kind: 'reminder' | 'escalation', at: string): boolean;
}

export function createReportStore(database: PolicyDeskDatabase, sealer: TextSealer): ReportStore {
  const toReport = (row: ReportRow): Report => ({
    id: row.id,
    councilId: row.council_id,
    status: row.status,
    relayId: row.relay_id,
    anonymous: row.anonymous === 1,
    reporter:
      row.reporter_key === null
        ? undefined
        : {
            key: row.reporter_key,
            name: row.reporter_name ?? '',
            personId: row.reporter_person_id ?? undefined,
            channel: row.reporter_key.slice(0, row.reporter_key.indexOf(':')) as ChannelName,
          },
    reporterRole: row.reporter_role ?? undefined,
    category: row.category ?? undefined,
    urgency: row.urgency ?? undefined,
    ruleId: row.rule_id ?? undefined,
    clauseId: row.clause_id ?? undefined,
    content: JSON.parse(sealer.open(row.sealed_content)) as ReportContent,
    outcome: row.outcome ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at ?? undefined,
    acknowledgeBy: row.acknowledge_by ?? undefined,
    acknowledgedAt: row.acknowledged_at ?? undefined,
    closedAt: row.closed_at ?? undefined,
  });
  const toRow = (report: Report): ReportRow => ({
    id: report.id,
    council_id: report.councilId,
    status: report.status,
    relay_id: report.relayId,
    anonymous: report.anonymous ? 1 : 0,
    reporter_key: report.anonymous ? null : report.reporter?.key ?? null,
    reporter_name: report.anonymous ? null : report.reporter?.name ?? null,
    reporter_person_id: report.anonymous ? null : report.reporter?.personId ?? null,
    reporter_role: report.reporterRole ?? null,
    category: report.category ?? null,
    urgency: report.urgency ?? null,
    rule_id: report.ruleId ?? null,
    clause_id: report.clauseId ?? null,
    sealed_content: sealer.seal(JSON.stringify(report.content)),
    outcome: report.outcome ?? null,
    created_at: report.createdAt,
    updated_at: report.updatedAt,
    submitted_at: report.submittedAt ?? null,
    acknowledge_by: report.acknowledgeBy ?? null,
    acknowledged_at: report.acknowledgedAt ?? null,
    closed_at: report.closedAt ?? null,
  });
  const upsert = database.prepare(
    `INSERT INTO reports (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((column) => `@${column}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((column) => column !== 'id').map((column) => `${column} = excluded.${column}`).join(', ')}`,
  );

  return {
    save: (report) => upsert.run(toRow(report)),
    find(id) {
      const row = database.prepare('SELECT * FROM reports WHERE id = ?').get(id) as ReportRow | undefined;
      return row ? toReport(row) : undefined;
    },
    list({ councilId, statuses }) {
      const conditions = [
        ...(councilId === undefined ? [] : ['council_id = @councilId']),
        ...(statuses === undefined ? [] : [`status IN (${statuses.map((_, index) => `@status${index}`).join(', ') || 'NULL'})`]),
      ];
      const parameters = Object.fromEntries([['councilId', councilId], ...(statuses ?? []).map((status, index) => [`status${index}`, status])].filter(([, value]) => value !== undefined));
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      return (database.prepare(`SELECT * FROM reports ${where} ORDER BY created_at, id`).all(parameters) as ReportRow[]).map(toReport);
    },
    createRelay(relayId, reporter) {
      database
        .prepare('INSERT INTO report_relays (relay_id, reporter_fingerprint, sealed_reporter) VALUES (?, ?, ?)')
        .run(relayId, sealer.fingerprint(reporter.key), sealer.seal(JSON.stringify(reporter)));
    },
    reporterOf(report) {
      const row = database.prepare('SELECT sealed_reporter FROM report_relays WHERE relay_id = ?').get(report.relayId) as
        | { sealed_reporter: string }
        | undefined;
      return row ? (JSON.parse(sealer.open(row.sealed_reporter)) as Participant) : undefined;
    },
    listByReporter(userKey, councilId) {
      const rows = database
        .prepare(
          `SELECT reports.* FROM reports JOIN report_relays USING (relay_id)
           WHERE report_relays.reporter_fingerprint = ? AND reports.council_id = ? ORDER BY reports.created_at, reports.id`,
        )
        .all(sealer.fingerprint(userKey), councilId) as ReportRow[];
      return rows.map(toReport);
    },
    assign(reportId, assignee) {
      database
        .prepare(
          `INSERT INTO report_assignees (report_id, person_id, role_id, reason, assigned_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (report_id, person_id) DO UPDATE SET role_id = excluded.role_id, reason = excluded.reason,
             assigned_at = excluded.assigned_at, removed_at = NULL`,
        )
        .run(reportId, assignee.personId, assignee.roleId, assignee.reason, assignee.assignedAt);
    },
    unassign(reportId, personId, at) {
      database.prepare('UPDATE report_assignees SET removed_at = ? WHERE report_id = ? AND person_id = ? AND removed_at IS NULL').run(at, reportId, personId);
    },
    assignees(reportId, includeRemoved = false) {
      const rows = database.prepare('SELECT * FROM report_assignees WHERE report_id = ? ORDER BY assigned_at, person_id').all(reportId) as {
        person_id: string;
        role_id: string;
        reason: ReportAssigneeReason;
        assigned_at: string;
        removed_at: string | null;
      }[];
      return rows
        .filter((row) => includeRemoved || row.removed_at === null)
        .map((row) => ({ personId: row.person_id, roleId: row.role_id, reason: row.reason, assignedAt: row.assigned_at, removedAt: row.removed_at ?? undefined }));
    },
    addEntry(reportId, entry) {
      database
        .prepare('INSERT INTO report_entries (report_id, at, kind, author, sealed_body) VALUES (?, ?, ?, ?, ?)')
        .run(reportId, entry.at, entry.kind, entry.author, sealer.seal(entry.body));
    },
    entries(reportId) {
      const rows = database.prepare('SELECT at, kind, author, sealed_body FROM report_entries WHERE report_id = ? ORDER BY id').all(reportId) as {
        at: string;
        kind: ReportEntryKind;
        author: string;
        sealed_body: string;
      }[];
      return rows.map((row) => ({ at: row.at, kind: row.kind, author: row.author, body: sealer.open(row.sealed_body) }));
    },
    markNudged(reportId, kind, at) {
      return database.prepare('INSERT OR IGNORE INTO report_nudges (report_id, kind, sent_at) VALUES (?, ?, ?)').run(reportId, kind, at).changes === 1;
    },
  };
}
