import type { Participant } from '../approvals/account-request.js';
import { addWorkingDays } from '../calendar/working-days.js';
import { emptyRoleDirectory, type Person, type RoleDirectory } from '../directory/role-directory.js';
import { LINE_MANAGER_ROLE } from '../policies/report-routing.js';
import { findNamedPeople } from '../reports/find-named-people.js';
import type { Report, ReportAssignee } from '../reports/report.js';
import { composeCaseCard } from './messages/compose-case-messages.js';
import { formatUkTime } from './messages/describe-request.js';
import { caseCardKey, reportStore } from './report-records.js';
import { createTurnContext, type ConversationDependencies, type TurnContext } from './turn-context.js';

const SCHEDULER: Participant = { key: 'system:scheduler', name: 'Policy Desk', channel: 'console' };

/**
 * Reports not acknowledged in time: a reminder to the officers once the acknowledge-by time passes, then,
 * after as long again, the case goes to each officer's alternate too. Each is sent once per report.
 */
export function runReportNudges(deps: ConversationDependencies): number {
  const form = deps.reportForm;
  if (!form) return 0;
  let sent = 0;
  for (const [councilId, pack] of deps.packs) {
    const routing = pack.reportRouting;
    if (!routing) continue;
    const directory = deps.directories.get(councilId) ?? emptyRoleDirectory(councilId);
    const context = createTurnContext(deps, SCHEDULER, pack, directory, 'system');
    const store = reportStore(context);
    for (const report of store.list({ councilId, statuses: ['open'] })) {
      if (report.acknowledgeBy === undefined || context.now.toISOString() < report.acknowledgeBy) continue;
      const assignees = store.assignees(report.id);
      const due = formatUkTime(report.acknowledgeBy);
      if (store.markNudged(report.id, 'reminder', context.now.toISOString())) {
        sent += 1;
        context.audit('case-reminder', report.id);
        for (const person of peopleOf(directory, assignees)) {
          context.notify({
            recipient: { kind: 'person', councilId, personId: person.id, name: person.name },
            message: composeCaseCard(context, form, report, `Reminder: this was due to be acknowledged by ${due}.`),
            confidential: true,
          });
        }
      }
      const escalateAt = addWorkingDays(new Date(report.acknowledgeBy), routing.acknowledgeWithinWorkingDays, deps.bankHolidays);
      if (context.now < escalateAt || !store.markNudged(report.id, 'escalation', context.now.toISOString())) continue;
      sent += 1;
      escalate(context, form, report, assignees, due);
    }
  }
  return sent;
}

function escalate(context: TurnContext, form: NonNullable<ConversationDependencies['reportForm']>, report: Report, assignees: ReportAssignee[], due: string): void {
  const store = reportStore(context);
  const { directory } = context;
  const reporter = store.reporterOf(report);
  const reporterId = reporter?.personId;
  const named = findNamedPeople(directory, Object.values(report.content.progress.answers).flatMap((answer) => (answer ? [answer.value] : [])));
  const excluded = new Set([...assignees.map((assignee) => assignee.personId), ...named.map((person) => person.id), ...(reporterId ? [reporterId] : [])]);
  const alternates = new Map<string, { person: Person; roleId: string }>();
  for (const assignee of assignees) {
    const alternate = alternateFor(directory, assignee);
    if (alternate && !excluded.has(alternate.id)) alternates.set(alternate.id, { person: alternate, roleId: assignee.roleId });
  }
  const at = context.now.toISOString();
  context.audit('case-escalated', report.id, { to: [...alternates.keys()] });
  for (const { person, roleId } of alternates.values()) {
    store.assign(report.id, { personId: person.id, roleId, reason: 'escalation', assignedAt: at });
    context.notify({
      recipient: { kind: 'person', councilId: report.councilId, personId: person.id, name: person.name },
      cardKey: caseCardKey(report.id, person.id),
      message: composeCaseCard(context, form, report, `Escalated to you as alternate: it was due to be acknowledged by ${due} and has not been.`),
      confidential: true,
      onBehalfOf: reporter,
    });
  }
}

/** Who stands in for an officer: a line manager's own manager, otherwise the alternate listed for their role. */
function alternateFor(directory: RoleDirectory, assignee: ReportAssignee): Person | undefined {
  if (assignee.roleId === LINE_MANAGER_ROLE) {
    const managersManager = directory.people.get(assignee.personId)?.lineManagerId;
    if (managersManager !== undefined) return directory.people.get(managersManager);
  }
  const holderSets = [directory.holdersOf(assignee.roleId), ...directory.services.map((service) => directory.holdersOf(assignee.roleId, service.id))];
  return holderSets.find((holders) => holders.people.some((person) => person.id === assignee.personId))?.alternate;
}

function peopleOf(directory: RoleDirectory, assignees: ReportAssignee[]): Person[] {
  return assignees.flatMap((assignee) => directory.people.get(assignee.personId) ?? []);
}
