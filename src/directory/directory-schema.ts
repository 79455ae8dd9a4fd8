import { z } from 'zod';
import { nonEmptyText, slug } from '../policies/schema-primitives.js';


export const personSchema = z.strictObject({
  name: nonEmptyText,
  email: z.email('must be an email address').optional(),
  /** Slack member id, e.g. U0123ABCD. */
  slack: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack member id such as U0123ABCD').optional(),
  /** Teams user id (29:...) or Entra object id (a GUID). */
  teams: nonEmptyText.optional(),
  /** Person id of their line manager, where reports need one. */
  line_manager: slug.optional(),
  /** Their service or directorate: picks per-service officers for their reports (the directorate's safeguarding lead). */
  service: slug.optional(),
  /** An elected member rather than an employee: reports route by which they are. */
  councillor: z.boolean().default(false),
});

const holdersSchema = z.strictObject({
  people: z.array(slug).min(1, 'must name at least one person'),
  /** Who is asked instead when the holders have not decided in time, or have a conflict of interest. */
  alternate: slug.optional(),
});

export const roleAssignmentSchema = z.union([
  holdersSchema,
  z.strictObject({
    /** A role held per service, such as each service's Group Manager; keys are service ids. */
    by_service: z.record(
      slug,
      holdersSchema.extend({ name: nonEmptyText }),
    ),
    /** Used when the service is not listed (a new service, or "other"). */
    default: holdersSchema.optional(),
  }),
]);
export type RoleAssignmentEntry = z.infer<typeof roleAssignmentSchema>;

export const directoryFileSchema = z.strictObject({
  council: slug,
  /** Where the communications team gets notifications. */
  comms_channel: z
    .strictObject({
      name: nonEmptyText,
      slack: z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD').optional(),
      teams: nonEmptyText.optional(),
    })
    .optional(),
  people: z.record(slug, personSchema),
  roles: z.record(slug, roleAssignmentSchema),
});
export type DirectoryFile = z.infer<typeof directoryFileSchema>;
