import { z } from 'zod';
import { REPORT_CATEGORIES, REPORTER_ROLES } from '../reports/report-categories.js';
import { nonEmptyText, slug } from './schema-primitives.js';

export const officerSchema = z.strictObject({
  /** A role in pack.yaml. "line-manager" means the reporter's own line manager, from the role directory. */
  role: slug,
  /** Held per service (each directorate's safeguarding lead): the reporter's service in the directory picks the person. */
  per_service: z.boolean().default(false),
});

export const routingRuleSchema = z.strictObject({
  id: slug,
  categories: z.array(z.enum(REPORT_CATEGORIES)).min(1, 'must name at least one category'),
  /** Who is reporting; both when absent. */
  reporters: z.array(z.enum(REPORTER_ROLES)).min(1).default([...REPORTER_ROLES]),
  /** The clause that says where this goes. */
  clause: slug,
  officers: z.array(officerSchema).min(1, 'must name at least one officer'),
  /** Said to the reporter when the report is filed ("the policy also says to tell the police"). */
  advice: nonEmptyText.optional(),
  /** Where the policy does not name the officer for this exactly, say how the rule was chosen. */
  note: nonEmptyText.optional(),
});

export const reportRoutingFileSchema = z.strictObject({
  /** Working days an officer has to acknowledge a report; a reminder follows, then escalation to the alternate. */
  acknowledge_within_working_days: z.number().int().min(1).max(10).default(1),
  anonymous: z.strictObject({
    allowed: z.boolean(),
    /** Why, or what the council adds to the standard explanation of what anonymity can and cannot protect. */
    note: nonEmptyText.optional(),
  }),
  /** Categories the communications team must act on; it is told only the category, the council and the reference. */
  comms: z.strictObject({
    role: slug,
    categories: z.array(z.enum(REPORT_CATEGORIES)).default([]),
  }),
  /** The first rule matching the category and the reporter decides; every category must be routed for both. */
  rules: z.array(routingRuleSchema).min(1, 'must have at least one rule'),
});
export type ReportRoutingFile = z.infer<typeof reportRoutingFileSchema>;
