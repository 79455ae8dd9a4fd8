import { normaliseForComparison } from '../policies/find-drifted-clauses.js';
import type { PolicyPack } from '../policies/policy-pack.js';
import type { ExpectedClause } from './question-set.js';

/** Section references compare without case or spaces, and with one kind of apostrophe ("C 2.15" = "c2.15"). */
export function normaliseSection(section: string): string {
  return section.toLowerCase().replace(/[\u2018\u2019`]/g, "'").replace(/\s+/g, '');
}

/** "17.4" covers "17.4" itself and its items "17.4(a)" ... "17.4(f)", as a reader citing the parent would mean. */
function isWithinSection(clauseSection: string, labelledSection: string): boolean {
  const clause = normaliseSection(clauseSection);
  return clause === labelledSection || clause.startsWith(`${labelledSection}(`);
}

/**
 * The clause ids a label accepts: clauses in the labelled section (or its items) whose text holds the
 * quoted words (or, failing that, whose lead-in does). Empty when the label matches nothing, which means
 * the label or the pack drifted.
 */
export function resolveExpectedClauses(pack: PolicyPack, expected: readonly ExpectedClause[]): Set<string> {
  const accepted = new Set<string>();
  for (const { section, quote } of expected) {
    const wantedSection = normaliseSection(section);
    const wantedQuote = normaliseForComparison(quote);
    const inSection = pack.clauses.filter((clause) => isWithinSection(clause.section, wantedSection));
    const byText = inSection.filter((clause) => normaliseForComparison(clause.text).includes(wantedQuote));
    // A quote from a list's lead-in names the whole list only when no single item holds it.
    const matching = byText.length > 0
      ? byText
      : inSection.filter((clause) => clause.context !== undefined && normaliseForComparison(clause.context).includes(wantedQuote));
    matching.forEach((clause) => accepted.add(clause.id));
  }
  return accepted;
}
