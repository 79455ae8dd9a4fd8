import { isLive } from '../reports/report.js';
import { ACTION_IDS } from './action-ids.js';
import type { Button, Message } from './message.js';
import { describeReportStatus, nameReport } from './messages/compose-case-messages.js';
import { reportStore } from './report-records.js';
import type { TurnContext } from './turn-context.js';

/** The reports this user filed, and the live cases assigned to them; nothing at all when there are neither. */
export function showMyReports(context: TurnContext): Message[] {
  const form = context.deps.reportForm;
  if (!form || !context.pack.reportRouting) return [];
  const store = reportStore(context);
  const replies: Message[] = [];
  const filed = store.listByReporter(context.participant.key, context.pack.councilId).filter((report) => report.status !== 'cancelled');
  if (filed.length > 0) {
    const buttons: Button[] = filed
      .filter(isLive)
      .map((report) => context.button(ACTION_IDS.reportAddInformation, `Add information to ${report.id}`, { kind: 'report-write', reportId: report.id, purpose: 'information' }));
    replies.push({
      summary: `You have ${filed.length} report(s).`,
      parts: [
        { kind: 'heading', text: 'Your reports' },
        { kind: 'fields', fields: filed.map((report) => ({ label: nameReport(form, report), value: describeReportStatus(form, report) })) },
        ...(buttons.length > 0 ? [{ kind: 'buttons' as const, buttons }] : []),
      ],
    });
  }
  const personId = context.person?.id;
  if (personId !== undefined) {
    const cases = store
      .list({ councilId: context.pack.councilId, statuses: ['open', 'acknowledged'] })
      .filter((report) => store.assignees(report.id).some((assignee) => assignee.personId === personId));
    if (cases.length > 0) {
      replies.push({
        summary: `${cases.length} report(s) assigned to you.`,
        parts: [
          { kind: 'heading', text: 'Reports assigned to you' },
          { kind: 'fields', fields: cases.map((report) => ({ label: nameReport(form, report), value: describeReportStatus(form, report) })) },
          {
            kind: 'buttons',
            buttons: cases.map((report) => context.button(ACTION_IDS.caseOpen, `Open ${report.id}`, { kind: 'case', reportId: report.id, act: 'open' })),
          },
        ],
      });
    }
  }
  return replies;
}
