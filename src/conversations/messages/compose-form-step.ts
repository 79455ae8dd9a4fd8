import type { FormProgress, FormStep } from '../../forms/advance-form.js';
import type { FormDefinition, FormField } from '../../policies/business-case.js';
import type { Button, Message, MessagePart } from '../message.js';
import type { TurnContext } from '../turn-context.js';

/** What a form is filled in for (a business case, a report): its buttons carry that thing's id. */
export interface FormHost {
  /** e.g. "Check your business case (BC-2026-0001)". */
  summaryHeading: string;
  progress: FormProgress;
  answerButton(field: FormField, label: string, answer: string): Button;
  skipButton(field: FormField): Button;
  submitButton(): Button;
  editButton(field?: FormField): Button;
  cancelButton(): Button;
}

/** The form's next step as a message: one question with its buttons, the summary, or the list of answers to edit. */
export function composeFormStep(context: TurnContext, form: FormDefinition, host: FormHost, step: FormStep): Message {
  switch (step.kind) {
    case 'ask':
      return composeQuestion(context, form, host, step.field, step.problem, step.note);
    case 'summary':
      return composeSummary(form, host, step.unmet.map(({ criterion, answer }) => {
        const clause = context.pack.clausesById.get(criterion.clauseId);
        const cited = clause && !criterion.requirement.includes(clause.section) ? ` (Section ${clause.section})` : '';
        return `${criterion.requirement}${cited}${answer === undefined ? ' Not answered yet.' : ` You said: ${answer}.`}`;
      }), step.problem);
    case 'choose-field-to-edit':
      return {
        summary: 'Which answer would you like to change?',
        parts: [
          { kind: 'text', text: 'Which answer would you like to change? Press one, or type “edit” and its name.' },
          { kind: 'buttons', buttons: form.fields.map((field) => host.editButton(field)) },
        ],
      };
    case 'submitted':
      return { summary: 'Submitted.', parts: [{ kind: 'text', text: 'Submitted.' }] };
  }
}

function answerButtons(context: TurnContext, host: FormHost, field: FormField): Button[] {
  switch (field.type) {
    case 'choice':
      return (field.choices ?? []).map((choice) => host.answerButton(field, choice.label, choice.label));
    case 'yes-no':
      return [host.answerButton(field, 'Yes', 'yes'), host.answerButton(field, 'No', 'no')];
    case 'service':
      return context.directory.services.map((service) => host.answerButton(field, service.name, service.name));
    default:
      return [];
  }
}

function composeQuestion(
  context: TurnContext,
  form: FormDefinition,
  host: FormHost,
  field: FormField,
  problem: string | undefined,
  note: string | undefined,
): Message {
  const position = form.fields.indexOf(field) + 1;
  const parts: MessagePart[] = [];
  if (problem) parts.push({ kind: 'warning', text: problem });
  if (note) parts.push({ kind: 'note', text: note });
  parts.push({ kind: 'heading', text: `${position} of ${form.fields.length}: ${field.label}` });
  parts.push({ kind: 'text', text: field.prompt });
  const hints = [
    field.hint,
    field.type === 'service' && context.directory.services.length > 0 ? 'Pick one, or type the name of another service.' : undefined,
    field.type === 'long-text' ? `Up to ${field.maxLength} characters.` : undefined,
    field.required ? undefined : 'Optional: say “skip” to leave it out.',
    'Say “back” for the previous question, “edit” to change an answer, or “cancel” to stop.',
  ].filter((hint): hint is string => hint !== undefined);
  parts.push({ kind: 'note', text: hints.join('\n') });
  const buttons = answerButtons(context, host, field);
  if (!field.required) buttons.push(host.skipButton(field));
  if (buttons.length > 0) parts.push({ kind: 'buttons', buttons });
  return { summary: `${field.label}: ${field.prompt}`, parts };
}

function composeSummary(form: FormDefinition, host: FormHost, unmet: string[], problem: string | undefined): Message {
  const answers = host.progress.answers;
  const parts: MessagePart[] = [{ kind: 'heading', text: host.summaryHeading }];
  if (problem) parts.push({ kind: 'warning', text: problem });
  parts.push({
    kind: 'fields',
    fields: form.fields.map((field) => ({ label: field.label, value: answers[field.id]?.display ?? '(skipped)' })),
  });
  if (unmet.length > 0) {
    parts.push({
      kind: 'warning',
      text: [`Before this can go for approval, the policy asks for:`, ...unmet.map((line) => `• ${line}`), 'Press Edit to change an answer.'].join('\n'),
    });
  }
  const buttons: Button[] = [];
  if (unmet.length === 0) buttons.push(host.submitButton());
  buttons.push(host.editButton());
  buttons.push(host.cancelButton());
  parts.push({ kind: 'buttons', buttons });
  return { summary: host.summaryHeading, parts };
}
