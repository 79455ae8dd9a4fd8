import { normaliseText } from './normalise-text.js';
import type { AskerRole } from './match-clauses.js';

export interface RoleCues {
  member: readonly string[];
  employee: readonly string[];
}

/** The asker's role when the question gives it away ("as a cllr ...", "my ward"), else undefined. */
export function inferAskerRole(question: string, cues: RoleCues): AskerRole | undefined {
  const padded = ` ${normaliseText(question)} `;
  const mentions = (phrases: readonly string[]) => phrases.some((phrase) => padded.includes(` ${normaliseText(phrase)} `));
  const member = mentions(cues.member);
  const employee = mentions(cues.employee);
  if (member === employee) return undefined;
  return member ? 'member' : 'employee';
}
