import { PolicyMatcher } from '../answers/policy-matcher.js';
import type { PolicyLibrary } from '../policies/load-policy-library.js';
import type { PolicyPack } from '../policies/policy-pack.js';
import { scoreQuestion, type ScoredQuestion } from './evaluate-matcher.js';

/** Keeps every entry whose position is not in the fold; returns the kept and the held-out entries. */
function splitFold<T>(items: readonly T[], fold: number, folds: number): { kept: T[]; heldOut: T[] } {
  return {
    kept: items.filter((_, position) => position % folds !== fold),
    heldOut: items.filter((_, position) => position % folds === fold),
  };
}

export interface LibraryFold {
  /** The library without the fold's examples and out-of-scope questions. */
  library: PolicyLibrary;
  heldOutExamples: { councilId: string; question: string; clauseId: string }[];
  heldOutOfScope: string[];
}

/** Fold `fold` of `folds`: one in `folds` of every clause's examples and of the out-of-scope questions, held out. */
export function holdOutFold(library: PolicyLibrary, fold: number, folds: number): LibraryFold {
  const packs = new Map<string, PolicyPack>();
  const heldOutExamples: LibraryFold['heldOutExamples'] = [];
  for (const [councilId, pack] of library.packs) {
    const clauses = pack.clauses.map((clause) => {
      const { kept, heldOut } = splitFold(clause.questions, fold, folds);
      heldOut.forEach((question) => heldOutExamples.push({ councilId, question, clauseId: clause.id }));
      return { ...clause, questions: kept };
    });
    packs.set(councilId, { ...pack, clauses, clausesById: new Map(clauses.map((clause) => [clause.id, clause])) });
  }
  const outOfScope = splitFold(library.outOfScopeQuestions, fold, folds);
  return { library: { ...library, packs, outOfScopeQuestions: outOfScope.kept }, heldOutExamples, heldOutOfScope: outOfScope.heldOut };
}

/**
 * Calibration data far larger than the dev split, without touching the holdout: in each of `folds` folds,
 * one in `folds` of every clause's example questions is asked of an index built without them (in scope,
 * right answer known), and one in `folds` of the out-of-scope questions is asked of every council with
 * those questions left out of the decline list (should be declined).
 */
export function collectCrossFittedOutcomes(library: PolicyLibrary, folds = 5): ScoredQuestion[] {
  const outcomes: ScoredQuestion[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const { library: trimmed, heldOutExamples, heldOutOfScope } = holdOutFold(library, fold, folds);
    const matcher = new PolicyMatcher(trimmed);
    for (const { councilId, question, clauseId } of heldOutExamples) {
      outcomes.push(scoreQuestion(matcher, trimmed.packs.get(councilId)!, question, undefined, new Set([clauseId]), 0.5));
    }
    for (const question of heldOutOfScope) {
      for (const pack of trimmed.packs.values()) outcomes.push(scoreQuestion(matcher, pack, question, undefined, new Set(), 0.5));
    }
  }
  return outcomes;
}
