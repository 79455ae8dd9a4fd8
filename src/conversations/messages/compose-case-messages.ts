import { REPORT_FIELDS, type ReportForm } from '../../policies/report-form.js';
import type { Report, ReportAssignee, ReportEntry } from '../../reports/report.js';
import { ACTION_IDS } from '../action-ids.js';
import type { CaseAct } from '../action-payload.js';
import type { Button, Message, MessagePart } from '../message.js';
import type { TurnContext } from '../turn-context.js';
import { formatUkTime, roleTitle } from './describe-request.js';

/** The label the reporter picked for a choice answer, e.g. the category's "Threats, abuse or harassment I received". */
export function choiceLabel(form: ReportForm, fieldId: string, choiceId: string | undefined): string {
  const field = form.fields.find((candidate) => candidate.id === fieldId);
  return field?.choices?.find((choice) => choice.id === choiceId)?.label ?? choiceId ?? 'not given';
}

/** "R-2026-0001, Threats, abuse or harassment I received": a report as listed. */
export function nameReport(form: ReportForm, report: Report): string {
  return report.category ? `${report.id}, ${choiceLabel(form, REPORT_FIELDS.category, report.category)}` : `${report.id} (kind not chosen yet)`;
}

export function outcomeLabel(form: ReportForm, outcomeId: string | undefined): string {
  return form.outcomes.find((outcome) => outcome.id === outcomeId)?.label ?? outcomeId ?? '';
}

export function describeReportStatus(form: ReportForm, report: Report): string {
  switch (report.status) {
    case 'draft':
      return 'not yet sent';
    case 'open':
      return `sent, waiting to be acknowledged${report.acknowledgeBy ? ` (by ${formatUkTime(report.acknowledgeBy)})` : ''}`;
    case 'acknowledged':
      return 'acknowledged, being looked into';
    case 'closed':
      return `closed: ${outcomeLabel(form, report.outcome)}`;
    case 'cancelled':
      return 'cancelled';
  }
}

function caseButtons(context: TurnContext, report: Report, withOpen: boolean): Button[] {
  const act = (actId: string, label: string, act: CaseAct, style?: Button['style']) =>
    context.button(actId, label, { kind: 'case', reportId: report.id, act }, style);
  const buttons: Button[] = withOpen ? [act(ACTION_IDS.caseOpen, 'Open case', 'open', 'primary')] : [];
  if (report.status === 'open') buttons.push(act(ACTION_IDS.caseAcknowledge, 'Acknowledge', 'acknowledge', withOpen ? undefined : 'primary'));
  if (report.status === 'open' || report.status === 'acknowledged') {
    buttons.push(
      act(ACTION_IDS.caseAsk, 'Ask the reporter', 'ask'),
      act(ACTION_IDS.caseNote, 'Add note', 'note'),
      act(ACTION_IDS.caseReassign, 'Reassign', 'reassign'),
      act(ACTION_IDS.caseClose, 'Close with outcome', 'close', 'danger'),
    );
  }
  return buttons;
}

function overviewFields(form: ReportForm, report: Report): { label: string; value: string }[] {
  return [
    { label: 'Urgency', value: choiceLabel(form, REPORT_FIELDS.urgency, report.urgency) },
    { label: 'From', value: report.anonymous ? 'Anonymous reporter' : report.reporter?.name ?? 'unknown' },
    { label: 'Filed', value: report.submittedAt ? formatUkTime(report.submittedAt) : '' },
    { label: 'Status', value: describeReportStatus(form, report) },
  ];
}

/**
 * The card an officer gets: what kind of report, how urgent, and why it came to them. What happened stays
 * out of it (and out of lock-screen previews) until they press Open case, which is checked and audited.
 */
export function composeCaseCard(context: TurnContext, form: ReportForm, report: Report, why: string | undefined): Message {
  const category = choiceLabel(form, REPORT_FIELDS.category, report.category);
  const parts: MessagePart[] = [
    { kind: 'heading', text: `Confidential report ${report.id}: ${category}` },
    { kind: 'fields', fields: overviewFields(form, report) },
  ];
  if (report.urgency === form.emergencyUrgency) parts.push({ kind: 'warning', text: 'The reporter says someone is in immediate danger. They were told to call 999.' });
  if (why) parts.push({ kind: 'note', text: why });
  const buttons = caseButtons(context, report, true);
  if (buttons.length > 0) parts.push({ kind: 'buttons', buttons });
  return { summary: `Confidential report ${report.id} (${category})`, parts };
}

/** Answers the overview already shows, or that are not the officer's business. */
const SHOWN_ABOVE = new Set<string>([REPORT_FIELDS.category, REPORT_FIELDS.urgency, REPORT_FIELDS.anonymous]);

/** The whole case, for an assignee who pressed Open case: the answers, files, and every note and message since. */
export function composeCaseView(
  context: TurnContext,
  form: ReportForm,
  report: Report,
  entries: readonly ReportEntry[],
  assignees: readonly ReportAssignee[],
): Message {
  const answers = report.content.progress.answers;
  const clause = report.clauseId === undefined ? undefined : context.pack.clausesById.get(report.clauseId);
  const parts: MessagePart[] = [
    { kind: 'heading', text: `Report ${report.id}: ${choiceLabel(form, REPORT_FIELDS.category, report.category)}` },
    { kind: 'fields', fields: overviewFields(form, report) },
    {
      kind: 'fields',
      fields: form.fields
        .filter((field) => !SHOWN_ABOVE.has(field.id) && answers[field.id] !== undefined)
        .map((field) => ({ label: field.label, value: answers[field.id]?.display ?? '(skipped)' })),
    },
  ];
  if (report.content.attachments.length > 0) {
    parts.push({ kind: 'fields', fields: report.content.attachments.map((file) => ({ label: 'File', value: `${file.name} (${file.ref})` })) });
  }
  const describeAuthor = (author: string) => (author === 'reporter' ? 'Reporter' : context.directory.people.get(author)?.name ?? author);
  if (entries.length > 0) {
    parts.push({
      kind: 'text',
      text: entries.map((entry) => `${formatUkTime(entry.at)}, ${describeAuthor(entry.author)} (${entry.kind}): ${entry.body}`).join('\n'),
    });
  }
  parts.push({
    kind: 'note',
    text: `Assigned to ${assignees.map((assignee) => `${describeAuthor(assignee.personId)} (${roleTitle(context.pack, assignee.roleId)})`).join(', ') || 'nobody'}.`,
  });
  if (clause) parts.push({ kind: 'clause', council: context.pack.councilName, section: clause.section, heading: clause.heading.at(-1) ?? '', context: clause.context, text: clause.text });
  const buttons = caseButtons(context, report, false);
  if (buttons.length > 0) parts.push({ kind: 'buttons', buttons });
  return { summary: `Report ${report.id}`, parts };
}
