import { CONFIDENCE_FEATURES, type ConfidenceFeatureName } from '../answers/estimate-confidence.js';
import type { QuestionOutcome } from './evaluate-matcher.js';

export interface FittedConfidenceModel {
  intercept: number;
  coefficients: Record<ConfidenceFeatureName, number>;
  abstainBelow: number;
}

/**
 * Logistic regression of "answerable" on the confidence features (gradient descent on
 * standardised features, light L2), then the abstain threshold that best balances answering
 * in-scope questions correctly against declining out-of-scope ones.
 */
export function fitConfidenceModel(outcomes: readonly QuestionOutcome[], iterations = 4000): FittedConfidenceModel {
  const rows = outcomes.map((outcome) => CONFIDENCE_FEATURES.map((name) => outcome.features[name]));
  // "Answerable": in scope, and the right clause is among the three shown. Abstaining is for the rest.
  const labels = outcomes.map((outcome) => (outcome.inScope && outcome.rankedInTopThree ? 1 : 0));
  const width = CONFIDENCE_FEATURES.length;
  const means = Array.from({ length: width }, (_, column) => rows.reduce((sum, row) => sum + row[column]!, 0) / rows.length);
  const spreads = Array.from({ length: width }, (_, column) => {
    const variance = rows.reduce((sum, row) => sum + (row[column]! - means[column]!) ** 2, 0) / rows.length;
    return Math.sqrt(variance) || 1;
  });
  const scaled = rows.map((row) => row.map((value, column) => (value - means[column]!) / spreads[column]!));
  const weights = new Array<number>(width).fill(0);
  let bias = 0;
  const rate = 0.1;
  const l2 = 0.01;
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
  ) as Record<ConfidenceFeatureName, number>;
  const intercept = round(bias - CONFIDENCE_FEATURES.reduce((sum, _, column) => sum + (weights[column]! * means[column]!) / spreads[column]!, 0));

  const confidenceOf = (outcome: QuestionOutcome) => {
    const logit = CONFIDENCE_FEATURES.reduce((sum, name) => sum + coefficients[name] * outcome.features[name], intercept);
    return 1 / (1 + Math.exp(-logit));
  };
  const inScope = outcomes.filter((outcome) => outcome.inScope);
  const outOfScope = outcomes.filter((outcome) => !outcome.inScope);
  let abstainBelow = 0.5;
  let bestBalance = -1;
  for (let threshold = 0.05; threshold <= 0.9; threshold += 0.01) {
    const answeredInTopThree = inScope.filter((o) => o.rankedInTopThree && confidenceOf(o) >= threshold).length / inScope.length;
    const declined = outOfScope.filter((o) => confidenceOf(o) < threshold).length / Math.max(outOfScope.length, 1);
    const balance = answeredInTopThree + declined;
    if (balance > bestBalance + 1e-9) {
      bestBalance = balance;
      abstainBelow = round(threshold);
    }
  }
  return { intercept, coefficients, abstainBelow };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
