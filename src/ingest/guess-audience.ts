import type { Audience } from '../policies/pack-schema.js';
import { AUDIENCE_PATTERNS, DEFAULT_AUDIENCE, ROLE_TITLES } from './wording-rules.js';

function audienceNamedIn(text: string): Audience | undefined {
  const reader = text.replace(ROLE_TITLES, '');
  const names = (patterns: readonly RegExp[]) => patterns.some((pattern) => pattern.test(reader));
  const members = names(AUDIENCE_PATTERNS.members);
  const employees = names(AUDIENCE_PATTERNS.employees);
  if (members && employees) return DEFAULT_AUDIENCE;
  if (members) return 'members';
  if (employees) return 'employees';
  return undefined;
}

/**
 * The audience the clause's own words name; failing that, its lead-in's; failing that, its
 * headings' ("Section C - Guidance for Members"), innermost first; otherwise everyone.
 */
export function guessAudience(text: string, context: string | undefined, headings: readonly string[]): Audience {
  const places = [text, context ?? '', ...[...headings].reverse()];
  for (const place of places) {
    const audience = audienceNamedIn(place);
    if (audience) return audience;
  }
  return DEFAULT_AUDIENCE;
}
