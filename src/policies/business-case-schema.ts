import { z } from 'zod';
import { nonEmptyText, slug } from './schema-primitives.js';


export const FIELD_TYPES = ['text', 'long-text', 'choice', 'number', 'yes-no', 'person', 'service'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const formFieldSchema = z
  .strictObject({
    id: slug,
    /** Short name, shown in the summary and used by "edit <label>". */
    label: nonEmptyText,
    /** The question as the bot asks it. */
    prompt: nonEmptyText,
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(true),
    /** A hint shown under the prompt (an example answer, or what the policy is looking for). */
    hint: nonEmptyText.optional(),
    min_length: z.number().int().min(1).optional(),
    max_length: z.number().int().min(1).max(3000).optional(),
    /** Plain text, or an id with the text shown when the answer must be read by code (a report's category). */
    choices: z
      .array(z.union([nonEmptyText, z.strictObject({ id: slug, label: nonEmptyText })]))
      .min(2, 'must offer at least two choices')
      .optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** For numbers: the unit the answer is in ("working hours"), shown after it. */
    unit: nonEmptyText.optional(),
    /** For people: another person field whose answer this one must differ from (a deputy is not the manager). */
    differs_from: slug.optional(),
    /** The clause this question comes from. */
    clause: slug.optional(),
  })
  .refine((field) => field.type !== 'choice' || field.choices !== undefined, {
    message: 'a choice field must list its choices',
    path: ['choices'],
  })
  .refine((field) => field.type === 'choice' || field.choices === undefined, {
    message: 'only a choice field may list choices',
    path: ['choices'],
  })
  .refine((field) => field.min === undefined || field.max === undefined || field.min <= field.max, {
    message: '"min" must not be more than "max"',
    path: ['max'],
  })
  .refine(
    (field) => field.min_length === undefined || field.max_length === undefined || field.min_length <= field.max_length,
    { message: '"min_length" must not be more than "max_length"', path: ['max_length'] },
  );
export type FormFieldEntry = z.infer<typeof formFieldSchema>;

/** One approval criterion, checked on the answers before the case is routed. */
export const criterionSchema = z
  .strictObject({
    id: slug,
    clause: slug,
    /** What the policy asks for, in a sentence the requester reads when it is missing. */
    requirement: nonEmptyText,
    field: slug,
    at_most: z.number().optional(),
    at_least: z.number().optional(),
    equals: nonEmptyText.optional(),
    min_length: z.number().int().min(1).optional(),
  })
  .refine(
    (criterion) =>
      [criterion.at_most, criterion.at_least, criterion.equals, criterion.min_length].filter((test) => test !== undefined)
        .length === 1,
    { message: 'give exactly one test: at_most, at_least, equals or min_length' },
  );
export type CriterionEntry = z.infer<typeof criterionSchema>;

export const approverSchema = z.strictObject({
  role: slug,
  /** The role is held per service (each service's Group Manager): the form's service answer picks the person. */
  per_service: z.boolean().default(false),
});

export const stageSchema = z.strictObject({
  id: slug,
  title: nonEmptyText,
  clause: slug,
  /** Every role listed must approve before the case moves on. */
  approvers: z.array(approverSchema).min(1, 'must name at least one approver role'),
});

export const followUpSchema = z.strictObject({
  id: slug,
  role: slug,
  text: nonEmptyText,
  clause: slug.optional(),
  /** Sent this many months after approval (a trial review); sent at once when absent. */
  after_months: z.number().int().min(1).max(60).optional(),
});

export const businessCaseFileSchema = z.strictObject({
  form: z.strictObject({
    title: nonEmptyText,
    /** The clause the questions come from. */
    clause: slug,
    intro: nonEmptyText,
    fields: z.array(formFieldSchema).min(1, 'must ask at least one question'),
    criteria: z.array(criterionSchema).default([]),
  }),
  workflow: z.strictObject({
    stages: z.array(stageSchema).min(1, 'must have at least one stage'),
    /** Working days an approver has before a reminder, and again before escalation to the role's alternate. */
    reminder_after_working_days: z.number().int().min(1).max(30).default(2),
    /** The role told about submissions and final decisions (the communications team's channel). */
    notify_role: slug,
    after_approval: z.array(followUpSchema).default([]),
  }),
});
export type BusinessCaseFile = z.infer<typeof businessCaseFileSchema>;
