import { applyLogistic, CONFIDENCE_FEATURES, type ConfidenceModel, type LogisticModel } from '../answers/estimate-confidence.js';
import type { ScoredQuestion } from './evaluate-matcher.js';

/** Logistic regression by gradient descent on standardised features with light L2, returned in raw units. */
export function fitLogistic(rows: readonly ScoredQuestion[], label: (row: ScoredQuestion) => boolean, iterations = 3000): LogisticModel {
  const matrix = rows.map((row) => CONFIDENCE_FEATURES.map((name) => row.features[name]));
  const labels = rows.map((row) => (label(row) ? 1 : 0));
  const width = CONFIDENCE_FEATURES.length;
  const means = Array.from({ length: width }, (_, column) => matrix.reduce((sum, row) => sum + row[column]!, 0) / matrix.length);
  const spreads = Array.from({ length: width }, (_, column) => {
    const variance = matrix.reduce((sum, row) => sum + (row[column]! - means[column]!) ** 2, 0) / matrix.length;
    return Math.sqrt(variance) || 1;
  });
  const scaled = matrix.map((row) => row.map((value, column) => (value - means[column]!) / spreads[column]!));
  const weights = new Array<number>(width).fill(0);
  let bias = 0;
  const rate = 0.2;
  const l2 = 0.001;
  for (let step = 0; step < iterations; step += 1) {
    const gradient = new Array<number>(width).fill(0);
    let biasGradient = 0;
    scaled.forEach((row, index) => {
      const logit = bias + row.reduce((sum, value, column) => sum + value * weights[column]!, 0);
      const error = 1 / (1 + Math.exp(-logit)) - labels[index]!;
      biasGradient += error;
      row.forEach((value, column) => (gradient[column] = gradient[column]! + error * value));
    });
    bias -= (rate * biasGradient) / scaled.length;
    for (let column = 0; column < width; column += 1) {
      weights[column] = weights[column]! - rate * (gradient[column]! / scaled.length + l2 * weights[column]!);
    }
  }
  const coefficients = Object.fromEntries(
    CONFIDENCE_FEATURES.map((name, column) => [name, round(weights[column]! / spreads[column]!)]),
  ) as LogisticModel['coefficients'];
  const intercept = round(bias - CONFIDENCE_FEATURES.reduce((sum, _, column) => sum + (weights[column]! * means[column]!) / spreads[column]!, 0));
  return { intercept, coefficients };
}

/**
 * Two models, learnt from `training`: scope (does the policy cover this?) on every question, and ranking
 * (is the top clause right?) on the in-scope ones. The abstain threshold is chosen on `thresholdSet`, questions
 * written the way staff ask (the mix in `training` is not realistic), to balance the two ways of being wrong:
 * it maximises the share of in-scope questions answered plus the share of out-of-scope questions declined.
 * (Declining an in-scope question never helps its asker, even when the ranking would have been wrong.)
 */
export function fitConfidenceModel(training: readonly ScoredQuestion[], thresholdSet: readonly ScoredQuestion[]): ConfidenceModel {
  const scope = fitLogistic(training, (row) => row.inScope);
  const ranking = fitLogistic(training.filter((row) => row.inScope), (row) => row.rankedFirst);
  const inScope = thresholdSet.filter((row) => row.inScope).map((row) => applyLogistic(scope, row.features));
  const outOfScope = thresholdSet.filter((row) => !row.inScope).map((row) => applyLogistic(scope, row.features));
  let abstainBelow = 0.5;
  let bestBalance = -1;
  for (let threshold = 0.05; threshold < 0.99; threshold += 0.005) {
    const answered = inScope.filter((p) => p >= threshold).length / inScope.length;
    const declined = outOfScope.filter((p) => p < threshold).length / outOfScope.length;
    if (answered + declined > bestBalance + 1e-9) {
      bestBalance = answered + declined;
      abstainBelow = round(threshold);
    }
  }
  return { scope, ranking, abstainBelow };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
