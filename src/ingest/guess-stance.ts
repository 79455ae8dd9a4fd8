import type { Stance } from '../policies/pack-schema.js';
import { DEFAULT_STANCE, HEADING_STANCES, STANCE_RULES } from './wording-rules.js';

/** The first stance in STANCE_RULES whose wording appears in the text, or "information". */
export function guessStanceOfText(text: string): Stance {
  const rule = STANCE_RULES.find(({ patterns }) => patterns.some((pattern) => pattern.test(text)));
  return rule?.stance ?? DEFAULT_STANCE;
}

/**
 * A list item's own words decide; an item that says nothing of its own ("pornographic material")
 * takes the stance of the sentence that introduces the list ("... will amount to gross misconduct:"),
 * and a list introduced as prohibited ("you must not:") or headed "DON'T" is prohibited throughout.
 */
export function guessStance(text: string, context?: string, headings: readonly string[] = []): Stance {
  const innermost = headings[headings.length - 1] ?? '';
  const headed = HEADING_STANCES.find(({ pattern }) => pattern.test(innermost.trim()));
  if (headed) return headed.stance;
  const introduced = context === undefined ? DEFAULT_STANCE : guessStanceOfText(context);
  // Under "you must not:" every item is a prohibition, whatever verb it starts with.
  if (introduced === 'prohibited') return introduced;
  const own = guessStanceOfText(text);
  return own === DEFAULT_STANCE ? introduced : own;
}
