import { randomBytes } from 'node:crypto';
import { addWorkingDays } from '../calendar/working-days.js';
import { advanceForm, currentStep, FORM_GOES_COLD_MS, startForm, type FormInput } from '../forms/advance-form.js';
import type { FormDefinition } from '../policies/business-case.js';
import { REPORT_FIELDS, type ReportForm } from '../policies/report-form.js';
import { isReportCategory, type ReporterRole } from '../reports/report-categories.js';
import { findNamedPeople } from '../reports/find-named-people.js';
import type { Report } from '../reports/report.js';
import { routedPeople, routeReport } from '../reports/route-report.js';
import { nextReference } from '../storage/account-requests.js';
import { ACTION_IDS } from './action-ids.js';
import type { ActionPayload } from './action-payload.js';
import type { Reply } from './business-case-form.js';
import { commsRecipient } from './approval-cards.js';
import type { ConversationState } from './conversation-state.js';
import { textMessage, type Message, type MessagePart } from './message.js';
import { choiceLabel, composeCaseCard } from './messages/compose-case-messages.js';
import { composeFormStep, type FormHost } from './messages/compose-form-step.js';
import { formatUkTime } from './messages/describe-request.js';
import { readFormCommand } from './read-form-command.js';
import { auditAsReporter, caseCardKey, isReporter, reportStore } from './report-records.js';
import type { TurnContext } from './turn-context.js';

const IDLE: ConversationState = { kind: 'idle' };

/**
 * Someone wants to report something: in private, with the council's routing and the shared questions.
 * Where reports are not set up, `policyAnswer` (what the policy says about the message) is given instead.
 */
export function startReport(context: TurnContext, policyAnswer?: () => Message): Reply {
  const form = context.deps.reportForm;
  if (!form || !context.pack.reportRouting) {
    const notYet = `I can't take reports for ${context.pack.councilName} yet. If anyone is in immediate danger, call 999.`;
    return {
      replies: policyAnswer ? [textMessage(`${notYet} Here is what your policy says:`), policyAnswer()] : [textMessage(notYet)],
      state: IDLE,
    };
  }
  const store = reportStore(context);
  const at = context.now.toISOString();
  const knownRole = knownReporterRole(context);
  const definition = formFor(context, form, knownRole);
  const { progress, step } = startForm(definition);
  const report: Report = {
    id: nextReference(context.deps.database, `R-${at.slice(0, 4)}`),
    councilId: context.pack.councilId,
    status: 'draft',
    relayId: randomBytes(16).toString('base64url'),
    anonymous: false,
    reporterRole: knownRole,
    content: { progress, attachments: [...context.attachments] },
    createdAt: at,
    updatedAt: at,
  };
  store.createRelay(report.relayId, context.participant);
  store.save(report);
  auditAsReporter(context, 'report-started', report.id);
  const intro: Message = {
    summary: form.title,
    parts: [
      { kind: 'heading', text: `${form.title} (${report.id})` },
      { kind: 'warning', text: form.danger },
      { kind: 'text', text: form.intro },
    ],
  };
  const replies = [intro, composeFormStep(context, definition, reportFormHost(context, report), step)];
  const state: ConversationState = { kind: 'reporting', reportId: report.id };
  if (context.place === 'channel') {
    for (const message of replies) context.notify({ recipient: { kind: 'participant', participant: context.participant }, message, confidential: true });
    return { replies: [textMessage('Reports are private, so I have sent you a direct message. Please carry on there, not here.')], state };
  }
  return { replies, state };
}

/** A message typed while filling in a report: a plain command, or the answer to the current question. */
export function continueReport(context: TurnContext, reportId: string, text: string): Reply | undefined {
  const store = reportStore(context);
  const report = store.find(reportId);
  const form = context.deps.reportForm;
  if (!report || !form || report.status !== 'draft') return undefined;
  if (context.place === 'channel') {
    return { replies: [textMessage(`To keep your report private, please answer in our direct message, not here. ${report.id} is waiting for you there.`)], state: { kind: 'reporting', reportId } };
  }
  const definition = formFor(context, form, report.reporterRole);
  const command = readFormCommand(text, definition);
  const cold = context.now.getTime() - new Date(report.updatedAt).getTime() > FORM_GOES_COLD_MS;
  if (cold && command === undefined) {
    // Touched now, so the next message is taken as the answer: nobody is asked the same thing twice.
    const touched = { ...report, updatedAt: context.now.toISOString() };
    reportStore(context).save(touched);
    return resume(context, definition, touched, `Welcome back. You were part-way through report ${report.id}, and that message was not added to it. Answer the question below to carry on, or say “cancel” to delete it.`);
  }
  switch (command?.kind) {
    case 'cancel':
      return cancelReport(context, report);
    case 'help':
    case 'my-requests':
      return resume(context, definition, report, 'You are part-way through a report. Answer the question below, or say “cancel” to stop.');
    default:
      return moveThroughReport(context, form, report, command ?? { kind: 'answer', text });
  }
}

/** A button on the report form; only the reporter's own, and only for the question it was shown with. */
export function pressReportForm(context: TurnContext, state: ConversationState, payload: ActionPayload & { kind: 'report-form' }): Reply {
  const store = reportStore(context);
  const report = store.find(payload.reportId);
  const form = context.deps.reportForm;
  const stale = (): Reply => ({ replies: [textMessage('That button is out of date. Say “my requests” to see your reports.')], state });
  if (!report || !form || !isOwnDraft(context, store, report)) return stale();
  const definition = formFor(context, form, report.reporterRole);
  const position = report.content.progress.position;
  const onQuestion = position.kind === 'asking' && position.fieldId === payload.fieldId;
  switch (payload.move) {
    case 'answer':
      return onQuestion ? moveThroughReport(context, form, report, { kind: 'answer', text: payload.answer ?? '' }) : resume(context, definition, report, 'That button is out of date; here is where your report is now.');
    case 'skip':
      return onQuestion ? moveThroughReport(context, form, report, { kind: 'skip' }) : resume(context, definition, report, 'That button is out of date; here is where your report is now.');
    case 'submit':
      return position.kind === 'summary' ? moveThroughReport(context, form, report, { kind: 'submit' }) : resume(context, definition, report, 'Please finish the questions first.');
    case 'edit':
      return moveThroughReport(context, form, report, { kind: 'edit', fieldId: payload.fieldId });
    case 'cancel':
      return cancelReport(context, report);
  }
}

function isOwnDraft(context: TurnContext, store: ReturnType<typeof reportStore>, report: Report): boolean {
  return report.status === 'draft' && report.councilId === context.pack.councilId && isReporter(context, store, report);
}

function moveThroughReport(context: TurnContext, form: ReportForm, report: Report, input: FormInput): Reply {
  const definition = formFor(context, form, report.reporterRole);
  const { progress, step } = advanceForm(definition, report.content.progress, input, context.directory.services);
  const moved: Report = {
    ...report,
    content: { progress, attachments: [...report.content.attachments, ...context.attachments] },
    updatedAt: context.now.toISOString(),
  };
  if (step.kind === 'submitted') return submitReport(context, form, moved);
  reportStore(context).save(moved);
  const replies: Message[] = [];
  const answeredNow = input.kind === 'answer' && progress.answers[REPORT_FIELDS.urgency] && !report.content.progress.answers[REPORT_FIELDS.urgency];
  if (answeredNow && progress.answers[REPORT_FIELDS.urgency]?.value === form.emergencyUrgency) {
    replies.push({ summary: form.danger, parts: [{ kind: 'warning', text: form.danger }, { kind: 'text', text: 'When everyone is safe, carry on here and your report will be marked as an emergency.' }] });
  }
  if (context.attachments.length > 0) replies.push(textMessage(`Kept a reference to ${context.attachments.length} file(s) with your report.`));
  replies.push(composeFormStep(context, definition, reportFormHost(context, moved), step));
  return { replies, state: { kind: 'reporting', reportId: report.id } };
}

function resume(context: TurnContext, definition: FormDefinition, report: Report, note: string): Reply {
  return {
    replies: [textMessage(note), composeFormStep(context, definition, reportFormHost(context, report), currentStep(definition, report.content.progress))],
    state: { kind: 'reporting', reportId: report.id },
  };
}

function cancelReport(context: TurnContext, report: Report): Reply {
  // Nothing the reporter wrote is kept once they cancel.
  reportStore(context).save({ ...report, status: 'cancelled', content: { progress: { answers: {}, position: { kind: 'summary' } }, attachments: [] }, updatedAt: context.now.toISOString() });
  auditAsReporter(context, 'report-cancelled', report.id);
  return { replies: [textMessage(`Cancelled. Nothing was sent to anyone, and what you wrote for ${report.id} has been deleted.`)], state: IDLE };
}

/** Files the report: routes it by the pack's rules, assigns the officers, sends their cards, and tells the reporter where it went. */
function submitReport(context: TurnContext, form: ReportForm, report: Report): Reply {
  const store = reportStore(context);
  const routing = context.pack.reportRouting!;
  const answers = report.content.progress.answers;
  const category = answers[REPORT_FIELDS.category]?.value ?? '';
  const reporterRole = (report.reporterRole ?? answers[REPORT_FIELDS.reporterRole]?.value ?? 'employee') as ReporterRole;
  if (!isReportCategory(category)) return resume(context, formFor(context, form, report.reporterRole), report, 'Please choose what kind of report this is.');
  const anonymous = routing.anonymousAllowed && answers[REPORT_FIELDS.anonymous]?.value === 'yes';
  const personConcerned = answers[REPORT_FIELDS.personConcerned]?.value;
  const named = findNamedPeople(
    context.directory,
    Object.values(answers).flatMap((answer) => (answer ? [answer.value] : [])),
    personConcerned ? [personConcerned] : [],
  );
  const route = routeReport(context.pack, context.directory, { category, reporterRole, reporter: context.person, named })!;
  let people = routedPeople(route);
  if (people.length === 0) {
    const fallbackRole = context.pack.fallbackContactRoleId;
    const excluded = new Set([...named.map((person) => person.id), context.person?.id]);
    people = context.directory.holdersOf(fallbackRole).people.filter((person) => !excluded.has(person.id)).map((person) => ({ person, roleId: fallbackRole, reason: 'fallback' as const }));
  }
  const at = context.now.toISOString();
  const filed: Report = {
    ...report,
    status: 'open',
    anonymous,
    reporter: anonymous ? undefined : context.participant,
    reporterRole,
    category,
    urgency: answers[REPORT_FIELDS.urgency]?.value,
    ruleId: route.rule.id,
    clauseId: route.clause.id,
    submittedAt: at,
    acknowledgeBy: addWorkingDays(context.now, routing.acknowledgeWithinWorkingDays, context.deps.bankHolidays).toISOString(),
    updatedAt: at,
  };
  store.save(filed);
  for (const { person, roleId, reason } of people) {
    store.assign(filed.id, { personId: person.id, roleId, reason, assignedAt: at });
    const passedOver = route.officers.find((officer) => officer.roleId === roleId)?.passedOver ?? [];
    const why =
      reason === 'conflict-alternate'
        ? `It comes to you as alternate: the report names ${passedOver.map((other) => other.name).join(' and ')}, who would otherwise receive it. Section ${route.clause.section}.`
        : reason === 'fallback'
          ? `Nobody in the role directory holds the role the policy names for this, so it comes to you as the policy's general contact.`
          : `It comes to you under Section ${route.clause.section} of the policy. Please acknowledge it by ${formatUkTime(filed.acknowledgeBy!)}.`;
    context.notify({
      recipient: { kind: 'person', councilId: context.pack.councilId, personId: person.id, name: person.name },
      cardKey: caseCardKey(filed.id, person.id),
      message: composeCaseCard(context, form, filed, why),
      confidential: true,
      onBehalfOf: context.participant,
    });
  }
  if (routing.commsCategories.includes(category)) {
    context.notify({
      recipient: commsRecipient(context),
      message: textMessage(`Report ${filed.id} for ${context.pack.councilName}: ${choiceLabel(form, REPORT_FIELDS.category, category)}. It may need communications action; the officer handling it will be in touch.`),
    });
  }
  auditAsReporter(context, 'report-filed', filed.id, { category, rule: route.rule.id, anonymous, assignees: people.map(({ person }) => person.id) });
  return { replies: [composeFiledMessage(context, form, filed, route, people.map(({ person, roleId }) => ({ name: person.name, roleId })), named.length > 0)], state: IDLE };
}

function composeFiledMessage(
  context: TurnContext,
  form: ReportForm,
  report: Report,
  route: NonNullable<ReturnType<typeof routeReport>>,
  recipients: { name: string; roleId: string }[],
  namedSomeone: boolean,
): Message {
  const roleTitle = (roleId: string) => context.pack.roles.get(roleId)?.title ?? roleId;
  const parts: MessagePart[] = [{ kind: 'heading', text: `Report sent: your reference is ${report.id}` }];
  if (report.urgency === form.emergencyUrgency) parts.push({ kind: 'warning', text: form.danger });
  parts.push({
    kind: 'text',
    text:
      recipients.length > 0
        ? `It has gone to ${recipients.map((recipient) => `${recipient.name} (${roleTitle(recipient.roleId)})`).join(' and ')}, and nobody else. They should acknowledge it by ${formatUkTime(report.acknowledgeBy!)}; I'll tell you when they do, and when anything changes.`
        : `Nobody is set up in the role directory to receive it yet, so it is recorded and waiting. Please also contact ${route.officers.map((officer) => officer.roleTitle).join(' and ')} directly.`,
  });
  if (namedSomeone && route.officers.some((officer) => officer.passedOver.length > 0)) {
    parts.push({ kind: 'note', text: 'Your report names someone who would normally receive it, so it went to their alternate instead.' });
  }
  if (route.rule.advice) parts.push({ kind: 'warning', text: route.rule.advice });
  if (report.anonymous) parts.push({ kind: 'note', text: 'Sent anonymously: your name is not stored with it. Any questions for you come through me.' });
  parts.push({ kind: 'clause', council: context.pack.councilName, section: route.clause.section, heading: route.clause.heading.at(-1) ?? '', context: route.clause.context, text: route.clause.text });
  parts.push({ kind: 'buttons', buttons: [context.button(ACTION_IDS.reportAddInformation, 'Add information', { kind: 'report-write', reportId: report.id, purpose: 'information' })] });
  return { summary: `Report sent: ${report.id}`, parts };
}

/** Employee or councillor, when the directory or the channel already says; otherwise the form asks. */
function knownReporterRole(context: TurnContext): ReporterRole | undefined {
  if (context.person) return context.person.isCouncillor ? 'member' : 'employee';
  return context.askerRole;
}

/** The shared questions, less the ones already answered by who the reporter is and what the council allows. */
function formFor(context: TurnContext, form: ReportForm, knownRole: ReporterRole | undefined): FormDefinition {
  const anonymousAllowed = context.pack.reportRouting?.anonymousAllowed === true;
  const note = context.pack.reportRouting?.anonymousNote;
  return {
    criteria: form.criteria,
    fields: form.fields
      .filter((field) => !(field.id === REPORT_FIELDS.reporterRole && knownRole !== undefined))
      .filter((field) => !(field.id === REPORT_FIELDS.anonymous && !anonymousAllowed))
      .map((field) => (field.id === REPORT_FIELDS.anonymous ? { ...field, hint: [form.anonymity, note].filter(Boolean).join(' ') } : field)),
  };
}

function reportFormHost(context: TurnContext, report: Report): FormHost {
  const reportId = report.id;
  const move = (actionId: string, label: string, payload: Omit<ActionPayload & { kind: 'report-form' }, 'kind' | 'reportId'>, style?: 'primary' | 'danger') =>
    context.button(actionId, label, { kind: 'report-form', reportId, ...payload }, style);
  return {
    summaryHeading: `Check your report (${reportId}) before it is sent`,
    progress: report.content.progress,
    answerButton: (field, label, answer) => move(ACTION_IDS.reportAnswer, label, { move: 'answer', fieldId: field.id, answer }),
    skipButton: (field) => move(ACTION_IDS.reportSkip, 'Skip', { move: 'skip', fieldId: field.id }),
    submitButton: () => move(ACTION_IDS.reportSubmit, 'Send report', { move: 'submit' }, 'primary'),
    editButton: (field) => (field ? move(ACTION_IDS.reportEdit, field.label, { move: 'edit', fieldId: field.id }) : move(ACTION_IDS.reportEdit, 'Edit', { move: 'edit' })),
    cancelButton: () => move(ACTION_IDS.reportCancel, 'Cancel', { move: 'cancel' }, 'danger'),
  };
}
