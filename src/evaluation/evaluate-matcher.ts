import { estimateConfidence, ABSTAIN_BELOW, confidenceFeatures, type ConfidenceFeatureName } from '../answers/estimate-confidence.js';
import type { PolicyMatcher } from '../answers/policy-matcher.js';
import type { PolicyPack } from '../policies/policy-pack.js';
import type { LabelledQuestion, QuestionSplit } from './question-set.js';
import { normaliseSection, resolveExpectedClauses } from './resolve-expected-clauses.js';

/** What the matcher made of one question whose right answer is known. */
export interface ScoredQuestion {
  inScope: boolean;
  accepted: ReadonlySet<string>;
  rankedIds: string[];
  confidence: number;
  abstained: boolean;
  features: Record<ConfidenceFeatureName, number>;
  /** Right clause first / in the top three, whether or not the matcher went on to abstain. */
  rankedFirst: boolean;
  rankedInTopThree: boolean;
  /** The same, judged by section reference only (a sibling bullet of the right list counts). */
  sectionFirst: boolean;
  sectionInTopThree: boolean;
}

export interface QuestionOutcome extends ScoredQuestion {
  labelled: LabelledQuestion;
}

/** Matches one question and records how it went; `accepted` is empty for a question that should be declined. */
export function scoreQuestion(
  matcher: PolicyMatcher,
  pack: PolicyPack,
  question: string,
  role: 'employee' | 'member' | undefined,
  accepted: ReadonlySet<string>,
  abstainBelow: number,
): ScoredQuestion {
  const matched = matcher.match(pack.councilId, question, role);
  const { confidence, inScope } = estimateConfidence(matched);
  const rankedIds = matched.matches.slice(0, 3).map((match) => match.clause.id);
  const acceptedSections = new Set([...accepted].map((id) => normaliseSection(pack.clausesById.get(id)!.section)));
  const rankedSections = matched.matches.slice(0, 3).map((match) => normaliseSection(match.clause.section));
  return {
    inScope: accepted.size > 0,
    accepted,
    rankedIds,
    confidence,
    abstained: inScope < abstainBelow,
    features: confidenceFeatures(matched),
    rankedFirst: rankedIds[0] !== undefined && accepted.has(rankedIds[0]),
    rankedInTopThree: rankedIds.some((id) => accepted.has(id)),
    sectionFirst: rankedSections[0] !== undefined && acceptedSections.has(rankedSections[0]),
    sectionInTopThree: rankedSections.some((section) => acceptedSections.has(section)),
  };
}

export interface SplitScores {
  inScope: number;
  top1: number;
  top3: number;
  sectionTop1: number;
  sectionTop3: number;
  abstainedInScope: number;
  outOfScope: number;
  declined: number;
}

/** Runs every labelled question through the matcher and the abstain rule. Labels that match no clause are returned, not scored. */
export function evaluateMatcher(
  matcher: PolicyMatcher,
  packs: ReadonlyMap<string, PolicyPack>,
  questions: readonly LabelledQuestion[],
  abstainBelow: number = ABSTAIN_BELOW,
): { outcomes: QuestionOutcome[]; unresolved: LabelledQuestion[] } {
  const outcomes: QuestionOutcome[] = [];
  const unresolved: LabelledQuestion[] = [];
  for (const labelled of questions) {
    const pack = packs.get(labelled.councilId);
    if (!pack) {
      unresolved.push(labelled);
      continue;
    }
    const accepted = labelled.expect === 'none' ? new Set<string>() : resolveExpectedClauses(pack, labelled.expect);
    if (labelled.expect !== 'none' && accepted.size === 0) {
      unresolved.push(labelled);
      continue;
    }
    outcomes.push({ labelled, ...scoreQuestion(matcher, pack, labelled.question, labelled.role, accepted, abstainBelow) });
  }
  return { outcomes, unresolved };
}

export function scoreOutcomes(outcomes: readonly ScoredQuestion[]): SplitScores {
  const inScope = outcomes.filter((outcome) => outcome.inScope);
  const outOfScope = outcomes.filter((outcome) => !outcome.inScope);
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  return {
    inScope: inScope.length,
    top1: share(inScope.filter((o) => !o.abstained && o.rankedFirst).length, inScope.length),
    top3: share(inScope.filter((o) => !o.abstained && o.rankedInTopThree).length, inScope.length),
    sectionTop1: share(inScope.filter((o) => !o.abstained && o.sectionFirst).length, inScope.length),
    sectionTop3: share(inScope.filter((o) => !o.abstained && o.sectionInTopThree).length, inScope.length),
    abstainedInScope: share(inScope.filter((o) => o.abstained).length, inScope.length),
    outOfScope: outOfScope.length,
    declined: share(outOfScope.filter((o) => o.abstained).length, outOfScope.length),
  };
}

export function groupOutcomes(
  outcomes: readonly QuestionOutcome[],
): Map<string, { split: QuestionSplit; councilId: string; outcomes: QuestionOutcome[] }> {
  const groups = new Map<string, { split: QuestionSplit; councilId: string; outcomes: QuestionOutcome[] }>();
  for (const outcome of outcomes) {
    const key = `${outcome.labelled.split}/${outcome.labelled.councilId}`;
    const group = groups.get(key) ?? { split: outcome.labelled.split, councilId: outcome.labelled.councilId, outcomes: [] };
    group.outcomes.push(outcome);
    groups.set(key, group);
  }
  return groups;
}
