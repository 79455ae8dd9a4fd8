import type { Participant } from '../approvals/account-request.js';
import type { Person } from '../directory/role-directory.js';
import type { Report } from '../reports/report.js';
import { appendAudit } from '../storage/audit-log.js';
import { createReportStore, type ReportStore } from '../storage/reports.js';
import type { Message } from './message.js';
import type { TurnContext } from './turn-context.js';

/** The report store for this turn, sealing with the deployment's key. */
export function reportStore(context: TurnContext): ReportStore {
  return createReportStore(context.deps.database, context.deps.sealer);
}

/** Reporter-side audit entries never name the reporter: for a named report the report row already does. */
export function auditAsReporter(context: TurnContext, action: string, reportId: string, detail?: Record<string, unknown>): void {
  appendAudit(context.deps.database, {
    at: context.now.toISOString(),
    requestId: reportId,
    actorKey: 'reporter',
    actorName: 'the reporter',
    channel: context.participant.channel,
    action,
    detail,
  });
}

export function isReporter(context: TurnContext, store: ReportStore, report: Report): boolean {
  return store.reporterOf(report)?.key === context.participant.key;
}

/** The acting user, if they are one of the case's current assignees. */
export function actingAssignee(context: TurnContext, store: ReportStore, report: Report): Person | undefined {
  const person = context.person;
  if (!person || report.councilId !== context.pack.councilId) return undefined;
  return store.assignees(report.id).some((assignee) => assignee.personId === person.id) ? person : undefined;
}

/** A sealed message to whoever filed the report, through the relay: the outbox row names nobody in clear. */
export function notifyReporter(context: TurnContext, store: ReportStore, report: Report, message: Message): void {
  const reporter: Participant | undefined = store.reporterOf(report);
  if (reporter) context.notify({ recipient: { kind: 'participant', participant: reporter }, message, confidential: true });
}

/** A sealed message to each current assignee but the one acting; `asCardUpdate` updates every copy of the case card in place, theirs too. */
export function notifyAssignees(context: TurnContext, store: ReportStore, report: Report, message: Message, asCardUpdate = false): void {
  for (const assignee of store.assignees(report.id)) {
    if (assignee.personId === context.person?.id && !asCardUpdate) continue;
    const person = context.directory.people.get(assignee.personId);
    if (!person) continue;
    context.notify({
      recipient: { kind: 'person', councilId: context.pack.councilId, personId: person.id, name: person.name },
      message,
      confidential: true,
      ...(asCardUpdate ? { cardKey: caseCardKey(report.id, person.id), operation: 'update' as const } : {}),
    });
  }
}

export function caseCardKey(reportId: string, personId: string): string {
  return `report:${reportId}:${personId}`;
}
