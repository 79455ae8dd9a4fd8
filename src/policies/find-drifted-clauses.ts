import { readFileSync } from 'node:fs';
import type { Clause, PolicyPack } from './policy-pack.js';

/** Letters and digits only, lower case: what is left when whitespace, punctuation and quote styles are set aside. */
export function normaliseForComparison(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{Nd}]/gu, '');
}

export interface ClauseDrift {
  clause: Clause;
  field: 'text' | 'context';
}

/**
 * The clauses whose text or context cannot be found in the pack's source documents, each source
 * read as printed and with the pack's listed corrections applied. An empty list means no drift.
 */
export function findDriftedClauses(pack: PolicyPack): ClauseDrift[] {
  const sources = pack.sourceFiles.map((file) => readFileSync(file, 'utf8'));
  const searchable = sources.flatMap((source) => [
    normaliseForComparison(source),
    normaliseForComparison(applyCorrections(source, pack.corrections)),
  ]);
  const appears = (text: string) => {
    const wanted = normaliseForComparison(text);
    return searchable.some((source) => source.includes(wanted));
  };
  const drifts: ClauseDrift[] = [];
  for (const clause of pack.clauses) {
    if (!appears(clause.text)) drifts.push({ clause, field: 'text' });
    if (clause.context !== undefined && !appears(clause.context)) drifts.push({ clause, field: 'context' });
  }
  return drifts;
}

function applyCorrections(source: string, corrections: PolicyPack['corrections']): string {
  return corrections.reduce((text, { printed, corrected }) => {
    const escaped = printed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return text.replace(new RegExp(`(?<![\\p{L}\\p{Nd}])${escaped}(?![\\p{L}\\p{Nd}])`, 'gu'), corrected);
  }, source);
}
