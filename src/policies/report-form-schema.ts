import { z } from 'zod';
import { formFieldSchema } from './business-case-schema.js';
import { nonEmptyText, slug } from './schema-primitives.js';

export const reportFormFileSchema = z.strictObject({
  title: nonEmptyText,
  intro: nonEmptyText,
  /** Said before the first question, and again when someone says a person is in immediate danger. */
  danger: nonEmptyText,
  /** The urgency choice id that means immediate danger. */
  emergency_urgency: slug,
  /** What anonymity can and cannot protect, shown with the anonymous question. */
  anonymity: nonEmptyText,
  /** How an officer can close a case; the reporter is told the outcome. */
  outcomes: z.array(z.strictObject({ id: slug, label: nonEmptyText })).min(2, 'must offer at least two outcomes'),
  fields: z.array(formFieldSchema).min(1),
});
export type ReportFormFile = z.infer<typeof reportFormFileSchema>;
