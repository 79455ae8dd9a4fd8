import { z } from 'zod';

/** The field shapes every YAML file Policy Desk reads shares: ids, text that must say something, dates. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens');

export const nonEmptyText = z.string().trim().min(1, 'must not be empty');

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date');
