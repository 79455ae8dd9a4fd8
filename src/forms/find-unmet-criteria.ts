import type { Criterion, FormDefinition } from '../policies/business-case.js';
import type { FieldAnswer } from './read-field-answer.js';

export interface UnmetCriterion {
  criterion: Criterion;
  /** The answer as given, or undefined when the question was skipped or not reached. */
  answer?: string | undefined;
}

/** The policy's approval criteria the answers do not yet meet, in the pack's order. */
export function findUnmetCriteria(
  form: FormDefinition,
  answers: Readonly<Record<string, FieldAnswer | null>>,
): UnmetCriterion[] {
  return form.criteria.flatMap((criterion) => {
    const answer = answers[criterion.fieldId];
    if (!answer) return [{ criterion }];
    return meets(criterion, answer.value) ? [] : [{ criterion, answer: answer.display }];
  });
}

function meets(criterion: Criterion, value: string): boolean {
  const { test } = criterion;
  switch (test.kind) {
    case 'at-most':
      return Number(value) <= test.limit;
    case 'at-least':
      return Number(value) >= test.limit;
    case 'equals':
      return value.toLowerCase() === test.expected.toLowerCase();
    case 'min-length':
      return value.trim().length >= test.length;
  }
}
