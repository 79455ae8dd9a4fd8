import { z } from 'zod';
import { isoDate, nonEmptyText, slug } from './schema-primitives.js';

export const AUDIENCES = [
  'everyone',
  'employees',
  'members',
  'sensitive-posts',
  'politically-restricted',
  'account-managers',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export const STANCES = [
  'prohibited',
  'permitted',
  'conditional',
  'needs-approval',
  'guidance',
  'information',
] as const;
export type Stance = (typeof STANCES)[number];


export const roleSchema = z.strictObject({
  title: nonEmptyText,
  email: z.email('must be an email address').optional(),
  phone: nonEmptyText.optional(),
  note: nonEmptyText.optional(),
});

export const packManifestSchema = z.strictObject({
  council: z.strictObject({ id: slug, name: nonEmptyText }),
  policy: z.strictObject({
    title: nonEmptyText,
    date: nonEmptyText,
    url: z.url().optional(),
  }),
  sources: z.array(nonEmptyText).min(1, 'must list at least one source document'),
  corrections: z
    .array(z.strictObject({ printed: nonEmptyText, corrected: nonEmptyText }))
    .default([]),
  roles: z.record(slug, roleSchema).refine((roles) => Object.keys(roles).length > 0, {
    message: 'must define at least one role',
  }),
  fallback_contact: slug,
  pre_election: z
    .strictObject({
      clause: slug,
      /** Thesaurus concepts that make a question political (e.g. election, politics). */
      topics: z.array(slug).min(1, 'must name at least one thesaurus concept'),
      periods: z
        .array(
          z
            .strictObject({ from: isoDate, to: isoDate, label: nonEmptyText })
            .refine((period) => period.from <= period.to, {
              message: '"from" must not be after "to"',
              path: ['to'],
            }),
        )
        .default([]),
    })
    .optional(),
});
export type PackManifest = z.infer<typeof packManifestSchema>;

export const clauseEntrySchema = z.strictObject({
  id: slug,
  section: z.string({ error: 'must be text: put the section in quotes, e.g. "2.10"' }).trim().min(1),
  heading: z.array(nonEmptyText).min(1, 'must give at least one heading'),
  context: nonEmptyText.optional(),
  text: nonEmptyText,
  audience: z.enum(AUDIENCES),
  stance: z.enum(STANCES),
  /** One role, or a list where the clause names several ("their political group leader, the Monitoring Officer and/or the police"). */
  contact: z.union([slug, z.array(slug).min(1)]).optional(),
  questions: z.array(nonEmptyText).default([]),
});
export type ClauseEntry = z.infer<typeof clauseEntrySchema>;

export const clauseFileSchema = z.array(clauseEntrySchema).min(1, 'must hold at least one clause');

// YAML reads some bare words as numbers or booleans (999, false); in a thesaurus they are still words.
const thesaurusTerm = z.union([z.number().transform(String), z.boolean().transform(String), nonEmptyText]);

export const thesaurusSchema = z.strictObject({
  stop_words: z.array(thesaurusTerm),
  concepts: z.record(slug, z.array(thesaurusTerm).min(1)),
  off_topic: z.record(slug, z.array(thesaurusTerm).min(1)).default({}),
  domain_anchors: z.array(slug).default([]),
  audience_cues: z.partialRecord(z.enum(AUDIENCES), z.array(slug).min(1)).default({}),
  role_cues: z
    .strictObject({ member: z.array(nonEmptyText).default([]), employee: z.array(nonEmptyText).default([]) })
    .default({ member: [], employee: [] }),
});
export type ThesaurusFile = z.infer<typeof thesaurusSchema>;

export const outOfScopeFileSchema = z.strictObject({
  questions: z.array(nonEmptyText).min(1, 'must list at least one question'),
});
