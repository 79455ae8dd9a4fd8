import type { Person } from '../directory/role-directory.js';
import type { ReportForm } from '../policies/report-form.js';
import { isLive, REPORTER_AUTHOR, type Report } from '../reports/report.js';
import type { ReportStore } from '../storage/reports.js';
import { ACTION_IDS } from './action-ids.js';
import type { ActionPayload } from './action-payload.js';
import type { Reply } from './business-case-form.js';
import type { ConversationState, ReportWriting } from './conversation-state.js';
import { textMessage, type Message } from './message.js';
import { composeCaseCard, composeCaseView, outcomeLabel } from './messages/compose-case-messages.js';
import { roleTitle } from './messages/describe-request.js';
import { readFormCommand } from './read-form-command.js';
import { actingAssignee, auditAsReporter, caseCardKey, isReporter, notifyAssignees, notifyReporter, reportStore } from './report-records.js';
import type { TurnContext } from './turn-context.js';

const IDLE: ConversationState = { kind: 'idle' };

const PROMPTS: Record<ReportWriting, string> = {
  question: 'Type your question for the reporter. I will pass it on without saying who they are to anyone else. Say “cancel” to send nothing.',
  note: 'Type your note. Only the officers on this case can read it. Say “cancel” to add nothing.',
  outcome: 'In a sentence or two, what was done? This is kept on the case for the record; the reporter is told only the outcome. Say “skip” to leave it out.',
  reply: 'Type your answer. It goes only to the officers handling your report. Say “cancel” to send nothing.',
  information: 'Type what you want to add; it goes only to the officers handling your report. You can attach files too. Say “cancel” to send nothing.',
};

/** A button on a case card. Only the case's current assignees may use one; anyone else is refused, and that is audited. */
export function pressCaseButton(context: TurnContext, state: ConversationState, payload: ActionPayload & { kind: 'case' }): Reply {
  const unchanged = (text: string): Reply => ({ replies: [textMessage(text)], state });
  const form = context.deps.reportForm;
  const store = reportStore(context);
  const report = store.find(payload.reportId);
  if (!report || !form) return unchanged('That report no longer exists.');
  const officer = actingAssignee(context, store, report);
  if (!officer) {
    context.audit('case-access-refused', report.id, { act: payload.act });
    return unchanged(`You are not assigned to ${report.id}, so I can't show it or act on it. If you think you should be, ask the officers handling it.`);
  }
  if (context.place === 'channel') return unchanged(`${report.id} is confidential: use it in our direct message, not in a channel.`);
  if (payload.act === 'open') {
    context.audit('case-opened', report.id);
    return { replies: [composeCaseView(context, form, report, store.entries(report.id), store.assignees(report.id))], state };
  }
  if (!isLive(report)) return unchanged(`${report.id} is ${report.status}; there is nothing more to do on it.`);
  switch (payload.act) {
    case 'acknowledge':
      return acknowledge(context, form, store, report, officer, state);
    case 'ask':
    case 'note':
      return askToWrite(report, payload.act === 'ask' ? 'question' : 'note');
    case 'close':
      return {
        replies: [
          {
            summary: `How was ${report.id} resolved?`,
            parts: [
              { kind: 'text', text: `How was ${report.id} resolved? The reporter is told the outcome you pick.` },
              { kind: 'buttons', buttons: form.outcomes.map((outcome) => context.button(ACTION_IDS.caseCloseWith, outcome.label, { kind: 'case', reportId: report.id, act: 'close-with', outcome: outcome.id })) },
            ],
          },
        ],
        state,
      };
    case 'close-with':
      return { replies: [textMessage(PROMPTS.outcome)], state: { kind: 'writing-on-report', reportId: report.id, purpose: 'outcome', outcome: payload.outcome } };
    case 'reassign':
      return offerReassignment(context, store, report, officer, state);
    case 'reassign-to':
      return reassign(context, form, store, report, officer, payload.personId, state);
  }
}

/** The reporter's buttons: answer an officer's question, or add information to their report. */
export function pressReporterButton(context: TurnContext, state: ConversationState, payload: ActionPayload & { kind: 'report-write' }): Reply {
  const store = reportStore(context);
  const report = store.find(payload.reportId);
  if (!report || !isReporter(context, store, report)) {
    if (report) context.audit('report-access-refused', report.id, { act: payload.purpose });
    return { replies: [textMessage('That button is not for you, or the report no longer exists.')], state };
  }
  if (!isLive(report)) return { replies: [textMessage(`${report.id} is closed. If something else has happened, say “report” to start a new report.`)], state };
  if (context.place === 'channel') return { replies: [textMessage('To keep your report private, please use our direct message.')], state };
  return askToWrite(report, payload.purpose);
}

/** The message after pressing Ask, Add note, Close, Reply or Add information: what was written is sealed, stored and passed on. */
export function writeOnReport(context: TurnContext, state: ConversationState & { kind: 'writing-on-report' }, text: string): Reply {
  const form = context.deps.reportForm;
  const store = reportStore(context);
  const report = store.find(state.reportId);
  const command = readFormCommand(text);
  const skipping = command?.kind === 'skip' && state.purpose === 'outcome';
  if (command?.kind === 'cancel' || !report || !form) return { replies: [textMessage('Nothing was sent or recorded.')], state: IDLE };
  if (context.place === 'channel') return { replies: [textMessage(`${report.id} is confidential: please write that in our direct message, not in a channel.`)], state };
  if (!isLive(report)) return { replies: [textMessage(`${report.id} is ${report.status}; nothing was added.`)], state: IDLE };
  const fromReporter = state.purpose === 'reply' || state.purpose === 'information';
  const officer = fromReporter ? undefined : actingAssignee(context, store, report);
  if (fromReporter ? !isReporter(context, store, report) : !officer) {
    context.audit('case-access-refused', report.id, { act: state.purpose });
    return { replies: [textMessage(`You are no longer able to write on ${report.id}.`)], state: IDLE };
  }
  const body = skipping ? '' : text.trim();
  if (!skipping && body === '') return { replies: [textMessage(PROMPTS[state.purpose])], state };
  const at = context.now.toISOString();
  if (fromReporter) {
    store.addEntry(report.id, { at, kind: state.purpose, author: REPORTER_AUTHOR, body: withFiles(body, context) });
    auditAsReporter(context, state.purpose === 'reply' ? 'reporter-replied' : 'reporter-added-information', report.id);
    notifyAssignees(context, store, report, relayToOfficers(context, report, state.purpose === 'reply' ? 'The reporter replied' : 'The reporter added information', withFiles(body, context)));
    return { replies: [textMessage(`Sent to the officers handling ${report.id}.`)], state: IDLE };
  }
  if (state.purpose === 'outcome') return close(context, form, store, report, officer!, state.outcome ?? '', body);
  store.addEntry(report.id, { at, kind: state.purpose === 'question' ? 'question' : 'note', author: officer!.id, body });
  context.audit(state.purpose === 'question' ? 'case-question-asked' : 'case-note-added', report.id);
  if (state.purpose === 'note') return { replies: [textMessage(`Note added to ${report.id}. Only the officers on the case can read it.`)], state: IDLE };
  notifyReporter(context, store, report, {
    summary: `A question about your report ${report.id}`,
    parts: [
      { kind: 'heading', text: `A question about your report ${report.id}` },
      { kind: 'text', text: body },
      { kind: 'note', text: `From the ${roleTitleOf(context, store, report, officer!)} handling it.` },
      { kind: 'buttons', buttons: [context.button(ACTION_IDS.reportReply, 'Reply', { kind: 'report-write', reportId: report.id, purpose: 'reply' }, 'primary')] },
    ],
  });
  return { replies: [textMessage(`Sent to the reporter${report.anonymous ? ' (through me: they stay anonymous)' : ''}. Their answer will come to you here.`)], state: IDLE };
}

function askToWrite(report: Report, purpose: ReportWriting): Reply {
  return { replies: [textMessage(PROMPTS[purpose])], state: { kind: 'writing-on-report', reportId: report.id, purpose } };
}

function acknowledge(context: TurnContext, form: ReportForm, store: ReportStore, report: Report, officer: Person, state: ConversationState): Reply {
  if (report.status !== 'open') return { replies: [textMessage(`${report.id} is already acknowledged.`)], state };
  const acknowledged: Report = { ...report, status: 'acknowledged', acknowledgedAt: context.now.toISOString(), updatedAt: context.now.toISOString() };
  store.save(acknowledged);
  context.audit('case-acknowledged', report.id);
  notifyReporter(context, store, acknowledged, reporterUpdate(context, acknowledged, `${officer.name} (${roleTitleOf(context, store, report, officer)}) has acknowledged your report ${report.id} and is looking into it.`));
  notifyAssignees(context, store, acknowledged, composeCaseCard(context, form, acknowledged, `Acknowledged by ${officer.name}.`), true);
  return { replies: [composeCaseCard(context, form, acknowledged, 'Acknowledged. The reporter has been told.')], state };
}

function close(context: TurnContext, form: ReportForm, store: ReportStore, report: Report, officer: Person, outcome: string, summary: string): Reply {
  const at = context.now.toISOString();
  const closed: Report = { ...report, status: 'closed', outcome, closedAt: at, updatedAt: at, acknowledgedAt: report.acknowledgedAt ?? at };
  store.save(closed);
  if (summary !== '') store.addEntry(report.id, { at, kind: 'outcome', author: officer.id, body: summary });
  context.audit('case-closed', report.id, { outcome });
  notifyReporter(context, store, closed, {
    summary: `Your report ${report.id} is closed`,
    parts: [
      { kind: 'heading', text: `Your report ${report.id} is closed` },
      { kind: 'text', text: `Outcome: ${outcomeLabel(form, outcome)}. Thank you for reporting it.` },
      { kind: 'note', text: 'If anything else happens, say “report” to start a new one.' },
    ],
  });
  notifyAssignees(context, store, closed, composeCaseCard(context, form, closed, `Closed by ${officer.name}: ${outcomeLabel(form, outcome)}.`), true);
  return { replies: [textMessage(`Closed ${report.id}: ${outcomeLabel(form, outcome)}. The reporter has been told.`)], state: IDLE };
}

/** Officers who could take the case over: holders and alternates of the roles this council's reports go to. */
function offerReassignment(context: TurnContext, store: ReportStore, report: Report, officer: Person, state: ConversationState): Reply {
  const assigned = new Set(store.assignees(report.id).map((assignee) => assignee.personId));
  const reporterId = store.reporterOf(report)?.personId;
  const roleIds = reportRoleIds(context);
  const candidates = [...context.directory.people.values()].filter(
    (person) => !assigned.has(person.id) && person.id !== reporterId && context.directory.rolesOf(person.id).some((role) => roleIds.has(role.roleId)),
  );
  if (candidates.length === 0) return { replies: [textMessage('There is nobody else in the role directory who handles reports. Ask your administrator to add them.')], state };
  return {
    replies: [
      {
        summary: `Pass ${report.id} to whom?`,
        parts: [
          { kind: 'text', text: `Pass ${report.id} to whom? They get the case and you are taken off it.` },
          {
            kind: 'buttons',
            buttons: candidates.map((person) =>
              context.button(ACTION_IDS.caseReassignTo, `${person.name} (${describeRoles(context, person)})`, { kind: 'case', reportId: report.id, act: 'reassign-to', personId: person.id }),
            ),
          },
        ],
      },
    ],
    state,
  };
}

function reassign(context: TurnContext, form: ReportForm, store: ReportStore, report: Report, officer: Person, personId: string | undefined, state: ConversationState): Reply {
  const next = personId === undefined ? undefined : context.directory.people.get(personId);
  if (!next) return { replies: [textMessage('That person is no longer in the role directory.')], state };
  const at = context.now.toISOString();
  const reportRoles = reportRoleIds(context);
  const roleId =
    context.directory.rolesOf(next.id).find((role) => reportRoles.has(role.roleId))?.roleId ??
    store.assignees(report.id).find((assignee) => assignee.personId === officer.id)!.roleId;
  store.assign(report.id, { personId: next.id, roleId, reason: 'reassigned', assignedAt: at });
  store.unassign(report.id, officer.id, at);
  context.audit('case-reassigned', report.id, { from: officer.id, to: next.id });
  context.notify({
    recipient: { kind: 'person', councilId: context.pack.councilId, personId: next.id, name: next.name },
    cardKey: caseCardKey(report.id, next.id),
    message: composeCaseCard(context, form, report, `${officer.name} passed this case to you.`),
    confidential: true,
  });
  notifyReporter(context, store, report, reporterUpdate(context, report, `Your report ${report.id} has been passed to ${next.name} (${describeRoles(context, next)}), who will handle it from now on.`));
  return { replies: [textMessage(`Passed ${report.id} to ${next.name}. You no longer have access to it.`)], state: IDLE };
}

function reporterUpdate(context: TurnContext, report: Report, text: string): Message {
  return {
    summary: `Update on your report ${report.id}`,
    parts: [
      { kind: 'text', text },
      { kind: 'buttons', buttons: [context.button(ACTION_IDS.reportAddInformation, 'Add information', { kind: 'report-write', reportId: report.id, purpose: 'information' })] },
    ],
  };
}

function relayToOfficers(context: TurnContext, report: Report, heading: string, body: string): Message {
  return {
    summary: `${heading} on ${report.id}`,
    parts: [
      { kind: 'heading', text: `${heading} on ${report.id}` },
      { kind: 'text', text: body },
      { kind: 'buttons', buttons: [context.button(ACTION_IDS.caseOpen, 'Open case', { kind: 'case', reportId: report.id, act: 'open' }, 'primary')] },
    ],
  };
}

function withFiles(body: string, context: TurnContext): string {
  if (context.attachments.length === 0) return body;
  return `${body}\nFiles: ${context.attachments.map((file) => `${file.name} (${file.ref})`).join(', ')}`;
}

function roleTitleOf(context: TurnContext, store: ReportStore, report: Report, officer: Person): string {
  const assignee = store.assignees(report.id).find((candidate) => candidate.personId === officer.id);
  return assignee ? roleTitle(context.pack, assignee.roleId) : 'officer';
}

function describeRoles(context: TurnContext, person: Person): string {
  return [...new Set(context.directory.rolesOf(person.id).map((role) => roleTitle(context.pack, role.roleId)))].join(', ');
}

/** The roles this council's reports can go to. */
function reportRoleIds(context: TurnContext): Set<string> {
  return new Set((context.pack.reportRouting?.rules ?? []).flatMap((rule) => rule.officers.map((slot) => slot.roleId)));
}
