import type { BusinessCaseFile, FieldType, FormFieldEntry } from './business-case-schema.js';

export interface FormField {
  id: string;
  label: string;
  prompt: string;
  type: FieldType;
  required: boolean;
  hint?: string | undefined;
  minLength?: number | undefined;
  maxLength: number;
  /** The stored answer is the id; plain-text choices are their own id. */
  choices?: { id: string; label: string }[] | undefined;
  min?: number | undefined;
  max?: number | undefined;
  unit?: string | undefined;
  differsFrom?: string | undefined;
  clauseId?: string | undefined;
}

export type CriterionTest =
  | { kind: 'at-most'; limit: number }
  | { kind: 'at-least'; limit: number }
  | { kind: 'equals'; expected: string }
  | { kind: 'min-length'; length: number };

export interface Criterion {
  id: string;
  clauseId: string;
  requirement: string;
  fieldId: string;
  test: CriterionTest;
}

export interface ApproverSlot {
  roleId: string;
  perService: boolean;
}

export interface ApprovalStage {
  id: string;
  title: string;
  clauseId: string;
  approvers: ApproverSlot[];
}

export interface FollowUp {
  id: string;
  roleId: string;
  text: string;
  clauseId?: string | undefined;
  afterMonths?: number | undefined;
}

/** What the form engine needs: the questions, and the checks run on the answers before submitting. */
export interface FormDefinition {
  fields: FormField[];
  criteria: Criterion[];
}

export interface BusinessCase extends FormDefinition {
  title: string;
  clauseId: string;
  intro: string;
  stages: ApprovalStage[];
  reminderAfterWorkingDays: number;
  notifyRoleId: string;
  afterApproval: FollowUp[];
}

const DEFAULT_MAX_LENGTH: Record<FieldType, number> = {
  text: 200,
  'long-text': 2000,
  choice: 100,
  number: 100,
  'yes-no': 100,
  person: 100,
  service: 100,
};

export function toBusinessCase(file: BusinessCaseFile): BusinessCase {
  const { form, workflow } = file;
  return {
    title: form.title,
    clauseId: form.clause,
    intro: form.intro,
    fields: form.fields.map(toFormField),
    criteria: form.criteria.map((criterion) => ({
      id: criterion.id,
      clauseId: criterion.clause,
      requirement: criterion.requirement,
      fieldId: criterion.field,
      test: toCriterionTest(criterion),
    })),
    stages: workflow.stages.map((stage) => ({
      id: stage.id,
      title: stage.title,
      clauseId: stage.clause,
      approvers: stage.approvers.map((approver) => ({ roleId: approver.role, perService: approver.per_service })),
    })),
    reminderAfterWorkingDays: workflow.reminder_after_working_days,
    notifyRoleId: workflow.notify_role,
    afterApproval: workflow.after_approval.map((followUp) => ({
      id: followUp.id,
      roleId: followUp.role,
      text: followUp.text,
      clauseId: followUp.clause,
      afterMonths: followUp.after_months,
    })),
  };
}

export function toFormField(field: FormFieldEntry): FormField {
  return {
    id: field.id,
    label: field.label,
    prompt: field.prompt,
    type: field.type,
    required: field.required,
    hint: field.hint,
    minLength: field.min_length,
    maxLength: field.max_length ?? DEFAULT_MAX_LENGTH[field.type],
    choices: field.choices?.map((choice) => (typeof choice === 'string' ? { id: choice, label: choice } : choice)),
    min: field.min,
    max: field.max,
    unit: field.unit,
    differsFrom: field.differs_from,
    clauseId: field.clause,
  };
}

export function toCriterionTest(criterion: BusinessCaseFile['form']['criteria'][number]): CriterionTest {
  if (criterion.at_most !== undefined) return { kind: 'at-most', limit: criterion.at_most };
  if (criterion.at_least !== undefined) return { kind: 'at-least', limit: criterion.at_least };
  if (criterion.equals !== undefined) return { kind: 'equals', expected: criterion.equals };
  return { kind: 'min-length', length: criterion.min_length ?? 1 };
}

/** Which field types each criterion test can apply to. */
export const TESTS_BY_FIELD_TYPE: Record<CriterionTest['kind'], readonly FieldType[]> = {
  'at-most': ['number'],
  'at-least': ['number'],
  equals: ['yes-no', 'choice'],
  'min-length': ['text', 'long-text'],
};
