import type { AccountRequest } from '../../approvals/account-request.js';
import type { FormStep } from '../../forms/advance-form.js';
import type { BusinessCase, FormField } from '../../policies/business-case.js';
import { ACTION_IDS } from '../action-ids.js';
import type { Button, Message, MessagePart } from '../message.js';
import type { TurnContext } from '../turn-context.js';

/** The form's next step as a message: one question with its buttons, the summary, or the list of answers to edit. */
export function composeFormStep(context: TurnContext, businessCase: BusinessCase, request: AccountRequest, step: FormStep): Message {
  switch (step.kind) {
    case 'ask':
      return composeQuestion(context, businessCase, request, step.field, step.problem, step.note);
    case 'summary':
      return composeSummary(context, businessCase, request, step.unmet.map(({ criterion, answer }) => {
        const clause = context.pack.clausesById.get(criterion.clauseId);
        const cited = clause && !criterion.requirement.includes(clause.section) ? ` (Section ${clause.section})` : '';
        return `${criterion.requirement}${cited}${answer === undefined ? ' Not answered yet.' : ` You said: ${answer}.`}`;
      }), step.problem);
    case 'choose-field-to-edit':
      return {
        summary: 'Which answer would you like to change?',
        parts: [
          { kind: 'text', text: 'Which answer would you like to change? Press one, or type “edit” and its name.' },
          {
            kind: 'buttons',
            buttons: businessCase.fields.map((field) =>
              context.button(ACTION_IDS.editForm, field.label, { kind: 'form-edit', requestId: request.id, fieldId: field.id }),
            ),
          },
        ],
      };
    case 'submitted':
      return { summary: 'Submitted.', parts: [{ kind: 'text', text: 'Submitted.' }] };
  }
}

function answerButtons(context: TurnContext, request: AccountRequest, field: FormField): Button[] {
  const answer = (label: string, value: string) =>
    context.button(ACTION_IDS.chooseAnswer, label, { kind: 'form-answer', requestId: request.id, fieldId: field.id, answer: value });
  switch (field.type) {
    case 'choice':
      return (field.choices ?? []).map((choice) => answer(choice, choice));
    case 'yes-no':
      return [answer('Yes', 'yes'), answer('No', 'no')];
    case 'service':
      return context.directory.services.map((service) => answer(service.name, service.name));
    default:
      return [];
  }
}

function composeQuestion(
  context: TurnContext,
  businessCase: BusinessCase,
  request: AccountRequest,
  field: FormField,
  problem: string | undefined,
  note: string | undefined,
): Message {
  const position = businessCase.fields.indexOf(field) + 1;
  const parts: MessagePart[] = [];
  if (problem) parts.push({ kind: 'warning', text: problem });
  if (note) parts.push({ kind: 'note', text: note });
  parts.push({ kind: 'heading', text: `${position} of ${businessCase.fields.length}: ${field.label}` });
  parts.push({ kind: 'text', text: field.prompt });
  const hints = [
    field.hint,
    field.type === 'service' && context.directory.services.length > 0 ? 'Pick one, or type the name of another service.' : undefined,
    field.type === 'long-text' ? `Up to ${field.maxLength} characters.` : undefined,
    field.required ? undefined : 'Optional: say “skip” to leave it out.',
    'Say “back” for the previous question, “edit” to change an answer, or “cancel” to stop.',
  ].filter((hint): hint is string => hint !== undefined);
  parts.push({ kind: 'note', text: hints.join('\n') });
  const buttons = answerButtons(context, request, field);
  if (!field.required) buttons.push(context.button(ACTION_IDS.skipField, 'Skip', { kind: 'form-skip', requestId: request.id, fieldId: field.id }));
  if (buttons.length > 0) parts.push({ kind: 'buttons', buttons });
  return { summary: `${field.label}: ${field.prompt}`, parts };
}

function composeSummary(
  context: TurnContext,
  businessCase: BusinessCase,
  request: AccountRequest,
  unmet: string[],
  problem: string | undefined,
): Message {
  const answers = request.progress.answers;
  const parts: MessagePart[] = [{ kind: 'heading', text: `Check your business case (${request.id})` }];
  if (problem) parts.push({ kind: 'warning', text: problem });
  parts.push({
    kind: 'fields',
    fields: businessCase.fields.map((field) => ({ label: field.label, value: answers[field.id]?.display ?? '(skipped)' })),
  });
  if (unmet.length > 0) {
    parts.push({
      kind: 'warning',
      text: [`Before this can go for approval, the policy asks for:`, ...unmet.map((line) => `• ${line}`), 'Press Edit to change an answer.'].join('\n'),
    });
  }
  const buttons: Button[] = [];
  if (unmet.length === 0) buttons.push(context.button(ACTION_IDS.submitForm, 'Submit', { kind: 'form-submit', requestId: request.id }, 'primary'));
  buttons.push(context.button(ACTION_IDS.editForm, 'Edit', { kind: 'form-edit', requestId: request.id }));
  buttons.push(context.button(ACTION_IDS.cancelForm, 'Cancel', { kind: 'form-cancel', requestId: request.id }, 'danger'));
  parts.push({ kind: 'buttons', buttons });
  return { summary: `Check your business case ${request.id}`, parts };
}
