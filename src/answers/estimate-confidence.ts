import { CONFIDENCE_MODEL } from './confidence-model.js';
import type { MatchedQuestion } from './policy-matcher.js';

/** The signals the confidence model reads; named so the fitting script and the model agree on order. */
export const CONFIDENCE_FEATURES = [
  'topScore',
  'margin',
  'topExampleSimilarity',
  'knownShare',
  'topCoverage',
  'offTopicOnly',
  'outOfScopeLead',
] as const;
export type ConfidenceFeatureName = (typeof CONFIDENCE_FEATURES)[number];

export function confidenceFeatures(matched: MatchedQuestion): Record<ConfidenceFeatureName, number> {
  const [top, second] = matched.matches;
  return {
    topScore: top?.score ?? 0,
    margin: top ? top.score - (second?.score ?? 0) : 0,
    topExampleSimilarity: top?.exampleSimilarity ?? 0,
    knownShare: matched.knownShare,
    topCoverage: top?.coverage ?? 0,
    // Off-topic (annual leave, wifi) with nothing tying the question to social media.
    offTopicOnly: matched.analysed.offTopicConcepts.length > 0 && !matched.analysed.mentionsSocialMedia ? 1 : 0,
    // How much closer the question is to a question that should be declined than to any clause's example.
    outOfScopeLead: matched.outOfScopeSimilarity - (top?.exampleSimilarity ?? 0),
  };
}

/** Probability, 0 to 1, that the question is one the policy answers and the answer is among the clauses shown (logistic model). */
export function estimateConfidence(matched: MatchedQuestion): number {
  if (matched.matches.length === 0) return 0;
  const features = confidenceFeatures(matched);
  let logit = CONFIDENCE_MODEL.intercept;
  for (const name of CONFIDENCE_FEATURES) logit += CONFIDENCE_MODEL.coefficients[name] * features[name];
  return 1 / (1 + Math.exp(-logit));
}

/** Below this confidence Policy Desk says the policy does not cover the question instead of guessing. */
export const ABSTAIN_BELOW = CONFIDENCE_MODEL.abstainBelow;
