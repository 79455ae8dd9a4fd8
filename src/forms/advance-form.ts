import type { Service } from '../directory/role-directory.js';
import type { FormDefinition, FormField } from '../policies/business-case.js';
import { findUnmetCriteria, type UnmetCriterion } from './find-unmet-criteria.js';
import { readFieldAnswer, type FieldAnswer } from './read-field-answer.js';

/** A form left this long is not assumed to be what the next message answers: the user is asked first. */
export const FORM_GOES_COLD_MS = 12 * 60 * 60 * 1000;

/** Where a half-filled form stands; stored with the draft so it survives restarts. */
export interface FormProgress {
  /** Skipped optional fields are null. */
  answers: Record<string, FieldAnswer | null>;
  position: { kind: 'asking'; fieldId: string; returnToSummary: boolean } | { kind: 'summary' };
}

export type FormInput =
  | { kind: 'answer'; text: string }
  | { kind: 'skip' }
  | { kind: 'back' }
  | { kind: 'edit'; fieldId?: string | undefined }
  | { kind: 'submit' };

/** What the conversation should say next; it turns this into a message. */
export type FormStep =
  | { kind: 'ask'; field: FormField; problem?: string | undefined; note?: string | undefined }
  | { kind: 'summary'; unmet: UnmetCriterion[]; problem?: string | undefined }
  | { kind: 'choose-field-to-edit' }
  | { kind: 'submitted' };

export interface FormAdvance {
  progress: FormProgress;
  step: FormStep;
}

export function startForm(form: FormDefinition): FormAdvance {
  const first = form.fields[0]!;
  const progress: FormProgress = { answers: {}, position: { kind: 'asking', fieldId: first.id, returnToSummary: false } };
  return { progress, step: { kind: 'ask', field: first } };
}

/** The step to show for the progress as stored, e.g. when a user comes back to a draft. */
export function currentStep(form: FormDefinition, progress: FormProgress): FormStep {
  if (progress.position.kind === 'summary') return summaryStep(form, progress);
  return { kind: 'ask', field: fieldById(form, progress.position.fieldId) };
}

/** One move through the form: pure, so the same input on the same progress always gives the same result. */
export function advanceForm(
  form: FormDefinition,
  progress: FormProgress,
  input: FormInput,
  services: readonly Service[],
): FormAdvance {
  const { fields } = form;
  const position = progress.position;
  const stay = (step: FormStep): FormAdvance => ({ progress, step });

  if (input.kind === 'edit') {
    if (input.fieldId === undefined) return stay({ kind: 'choose-field-to-edit' });
    const field = fieldById(form, input.fieldId);
    return { progress: { ...progress, position: { kind: 'asking', fieldId: field.id, returnToSummary: true } }, step: { kind: 'ask', field } };
  }
  if (position.kind === 'summary') {
    if (input.kind === 'submit') {
      const unmet = findUnmetCriteria(form, progress.answers);
      return unmet.length > 0 ? stay({ kind: 'summary', unmet }) : stay({ kind: 'submitted' });
    }
    if (input.kind === 'back') return askField(progress, fields[fields.length - 1]!, false);
    return stay({ kind: 'summary', unmet: findUnmetCriteria(form, progress.answers), problem: 'Press Submit to send the request, or Edit to change an answer.' });
  }

  const field = fieldById(form, position.fieldId);
  const index = fields.indexOf(field);
  switch (input.kind) {
    case 'back': {
      const previous = fields[index - 1];
      if (!previous) return stay({ kind: 'ask', field, note: 'This is the first question.' });
      return askField(progress, previous, false);
    }
    case 'submit':
      return stay({ kind: 'ask', field, problem: 'Please answer this question first.' });
    case 'skip':
      if (field.required) return stay({ kind: 'ask', field, problem: `“${field.label}” is needed: it cannot be skipped.` });
      return moveOn(form, { ...progress, answers: { ...progress.answers, [field.id]: null } }, index, position.returnToSummary);
    case 'answer': {
      const result = readFieldAnswer(field, input.text, progress.answers, services);
      if (!result.ok) return stay({ kind: 'ask', field, problem: result.problem });
      return moveOn(form, { ...progress, answers: { ...progress.answers, [field.id]: result.answer } }, index, position.returnToSummary);
    }
  }
}

function moveOn(form: FormDefinition, progress: FormProgress, index: number, returnToSummary: boolean): FormAdvance {
  const unanswered = form.fields.slice(index + 1).find((field) => !(field.id in progress.answers));
  const next = returnToSummary ? firstUnanswered(form, progress) : unanswered ?? firstUnanswered(form, progress);
  if (next) return askField(progress, next, returnToSummary);
  const atSummary: FormProgress = { ...progress, position: { kind: 'summary' } };
  return { progress: atSummary, step: summaryStep(form, atSummary) };
}

function firstUnanswered(form: FormDefinition, progress: FormProgress): FormField | undefined {
  return form.fields.find((field) => !(field.id in progress.answers));
}

function askField(progress: FormProgress, field: FormField, returnToSummary: boolean): FormAdvance {
  return { progress: { ...progress, position: { kind: 'asking', fieldId: field.id, returnToSummary } }, step: { kind: 'ask', field } };
}

function summaryStep(form: FormDefinition, progress: FormProgress): FormStep & { kind: 'summary' } {
  return { kind: 'summary', unmet: findUnmetCriteria(form, progress.answers) };
}

function fieldById(form: FormDefinition, fieldId: string): FormField {
  // A field removed from the pack while a draft was open falls back to the first question.
  return form.fields.find((field) => field.id === fieldId) ?? form.fields[0]!;
}

/** The field an "edit <words>" names, by label or id, or by a unique start of either. */
export function findFieldByName(form: FormDefinition, words: string): FormField | undefined {
  const wanted = words.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  if (wanted === '') return undefined;
  const simple = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const exact = form.fields.find((field) => simple(field.label) === wanted || simple(field.id) === wanted);
  if (exact) return exact;
  const partial = form.fields.filter((field) => simple(field.label).includes(wanted) || simple(field.id).includes(wanted));
  return partial.length === 1 ? partial[0] : undefined;
}
