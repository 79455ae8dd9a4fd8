import type { Service } from '../../directory/role-directory.js';
import type { FieldAnswer } from '../../forms/read-field-answer.js';
import type { FormDefinition, FormField } from '../../policies/business-case.js';
import type { FormView, FormViewField } from '../message.js';

const YES_NO = [
  { id: 'yes', label: 'Yes' },
  { id: 'no', label: 'No' },
];

/** A form as one view, with earlier answers filled in; the questions are the same ones the conversation asks. */
export function composeFormView(
  form: FormDefinition & { title: string; intro: string },
  formId: string,
  answers: Readonly<Record<string, FieldAnswer | null>>,
  services: readonly Service[],
): FormView {
  return {
    formId,
    title: form.title,
    intro: form.intro,
    submitLabel: 'Submit',
    fields: form.fields.map((field) => viewField(field, answers[field.id] ?? undefined, services)),
  };
}

/** The list a field is picked from in a whole-form view, or undefined for a typed answer. */
export function viewChoices(field: FormField, services: readonly Service[]): { id: string; label: string }[] | undefined {
  if (field.type === 'choice') return field.choices;
  if (field.type === 'yes-no') return YES_NO;
  // With no services in the directory, the service is typed, as in the conversation.
  if (field.type === 'service' && services.length > 0) return services.map((service) => ({ id: service.id, label: service.name }));
  return undefined;
}

function viewField(field: FormField, answer: FieldAnswer | undefined, services: readonly Service[]): FormViewField {
  const choices = viewChoices(field, services);
  const hint = [field.hint, field.type === 'number' ? describeNumber(field) : undefined].filter(Boolean).join(' ');
  const initial = answer && (!choices || choices.some((choice) => choice.id === answer.value)) ? answer.value : undefined;
  return {
    id: field.id,
    label: field.label,
    hint: hint === '' ? undefined : hint,
    kind: choices ? 'choice' : field.type === 'long-text' ? 'long-text' : 'text',
    required: field.required,
    maxLength: field.maxLength,
    choices,
    initial,
  };
}

function describeNumber(field: FormField): string {
  const range =
    field.min !== undefined && field.max !== undefined
      ? `between ${field.min} and ${field.max}`
      : field.min !== undefined
        ? `at least ${field.min}`
        : field.max !== undefined
          ? `at most ${field.max}`
          : undefined;
  return `A number${field.unit ? ` of ${field.unit}` : ''}${range ? `, ${range}` : ''}.`;
}

/** The view again with what was just submitted in it, so a refused form comes back as the person left it. */
export function withSubmittedAnswers(view: FormView, answers: Readonly<Record<string, string>>): FormView {
  return { ...view, fields: view.fields.map((field) => (Object.hasOwn(answers, field.id) ? { ...field, initial: answers[field.id] } : field)) };
}
