import type { ConfidenceModel } from './estimate-confidence.js';

/**
 * Fitted with `npm run eval -- --fit` on the dev split of tests/questions and on cross-fitted pack examples and
 * out-of-scope questions (never the holdout). Refit after changing the matcher, the thesaurus or the packs.
 * scope: P(the policy covers the question), which alone decides abstaining; ranking: P(top clause right | covered).
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  scope: {
    intercept: -1.872,
    coefficients: {
      topScore: 4.508,
      margin: -3.191,
      topExampleSimilarity: -2.136,
      knownShare: 2.18,
      topCoverage: 1.278,
      offTopicOnly: -2.311,
      outOfScopeLead: -2.375
    }
  },
  ranking: {
    intercept: -2.992,
    coefficients: {
      topScore: 3.274,
      margin: 2.522,
      topExampleSimilarity: -1.392,
      knownShare: 1.025,
      topCoverage: -0.286,
      offTopicOnly: -0.543,
      outOfScopeLead: 0.033
    }
  },
  abstainBelow: 0.815
};
