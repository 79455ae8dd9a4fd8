import type { ConfidenceModel } from './estimate-confidence.js';

/**
 * Fitted with `npm run eval -- --fit` on the dev split of tests/questions and on cross-fitted pack examples and
 * out-of-scope questions, the threshold on the dev split alone (never the holdout). Refit after changing the
 * matcher, the thesaurus or the packs. scope: P(the policy covers the question), which alone decides abstaining;
 * ranking: P(top clause right | covered).
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  scope: {
    intercept: -1.486,
    coefficients: {
      topScore: 4.435,
      margin: -2.295,
      topExampleSimilarity: -2.591,
      knownShare: 2.243,
      topCoverage: 0.642,
      offTopicOnly: -2.119,
      outOfScopeLead: -2.148
    }
  },
  ranking: {
    intercept: -2.603,
    coefficients: {
      topScore: 1.971,
      margin: 2.391,
      topExampleSimilarity: -0.391,
      knownShare: 0.566,
      topCoverage: 0.06,
      offTopicOnly: 0.237,
      outOfScopeLead: -0.018
    }
  },
  abstainBelow: 0.92
};
