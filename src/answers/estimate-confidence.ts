import { CONFIDENCE_MODEL } from './confidence-model.js';
import type { MatchedQuestion } from './policy-matcher.js';

/** The signals the confidence models read; named so the fitting script and the models agree on order. */
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

export interface LogisticModel {
  intercept: number;
  coefficients: Record<ConfidenceFeatureName, number>;
}

export interface ConfidenceModel {
  /** P(the policy covers the question): this alone decides abstaining. */
  scope: LogisticModel;
  /** P(the top clause is the right one | the policy covers the question). */
  ranking: LogisticModel;
  /** Abstain when the scope probability is below this. */
  abstainBelow: number;
}

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

export function applyLogistic(model: LogisticModel, features: Record<ConfidenceFeatureName, number>): number {
  let logit = model.intercept;
  for (const name of CONFIDENCE_FEATURES) logit += model.coefficients[name] * features[name];
  return 1 / (1 + Math.exp(-logit));
}

export interface Confidence {
  /** Probability, 0 to 1, that the policy covers the question and the top clause is the one that decides it. */
  confidence: number;
  /** Probability that the policy covers the question at all; Policy Desk abstains below the threshold. */
  inScope: number;
}

export function estimateConfidence(matched: MatchedQuestion, model: ConfidenceModel = CONFIDENCE_MODEL): Confidence {
  if (matched.matches.length === 0) return { confidence: 0, inScope: 0 };
  const features = confidenceFeatures(matched);
  const inScope = applyLogistic(model.scope, features);
  return { confidence: inScope * applyLogistic(model.ranking, features), inScope };
}

/** Below this scope probability Policy Desk says the policy does not cover the question instead of guessing. */
export const ABSTAIN_BELOW = CONFIDENCE_MODEL.abstainBelow;
