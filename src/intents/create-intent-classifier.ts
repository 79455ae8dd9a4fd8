import { buildFeatureSpace } from './build-feature-space.js';
import { DEFAULT_FEATURE_SETTINGS, extractIntentFeatures, type FeatureSettings } from './extract-intent-features.js';
import { indexNearestExamples } from './index-nearest-examples.js';
import { DEFAULT_INTENT, INTENT_IDS, type IntentId } from './intent-ids.js';
import { DEFAULT_SOFTMAX_SETTINGS, predictSoftmax, trainSoftmaxRegression, type SoftmaxSettings } from './train-softmax-regression.js';

export interface IntentClassification {
  intent: IntentId;
  /** The combined score of the intent returned, 0 to 1. */
  confidence: number;
  /** Every intent's combined score; they add up to 1. */
  scores: Record<IntentId, number>;
  /** True when the best intent was too unsure a winner and the message was taken as a policy question instead. */
  ambiguous: boolean;
}

export interface IntentClassifier {
  classify(text: string): IntentClassification;
}

export interface IntentClassifierSettings {
  features: FeatureSettings;
  softmax: SoftmaxSettings;
  /** Share of the combined score from the regression; the rest comes from the nearest examples. */
  regressionShare: number;
  /** How sharply the nearest examples' similarities are turned into a distribution. */
  nearestSharpness: number;
  /** Below either of these the winner is not trusted and the message becomes a policy question. */
  minConfidence: number;
  minMargin: number;
}

export const DEFAULT_INTENT_CLASSIFIER_SETTINGS: IntentClassifierSettings = {
  features: DEFAULT_FEATURE_SETTINGS,
  softmax: DEFAULT_SOFTMAX_SETTINGS,
  regressionShare: 0.7,
  nearestSharpness: 10,
  minConfidence: 0.4,
  minMargin: 0.1,
};

/**
 * Trains on labelled examples and returns a pure classifier. Two views of the same TF-IDF vectors are
 * averaged: a softmax regression, which learns which words matter for an intent, and the nearest
 * example of each intent, which catches phrasings close to one seen in training.
 */
export function createIntentClassifier(
  examples: readonly { intent: IntentId; text: string }[],
  settings: IntentClassifierSettings = DEFAULT_INTENT_CLASSIFIER_SETTINGS,
): IntentClassifier {
  const classes = INTENT_IDS.length;
  const documents = examples.map((example) => extractIntentFeatures(example.text, settings.features));
  const { space, vectors } = buildFeatureSpace(documents);
  const labels = examples.map((example) => INTENT_IDS.indexOf(example.intent));
  const model = trainSoftmaxRegression(vectors, labels, classes, space.size, settings.softmax);
  const nearest = indexNearestExamples(vectors, labels, classes, space.size);
  const defaultLabel = INTENT_IDS.indexOf(DEFAULT_INTENT);

  return {
    classify(text) {
      const vector = space.vectorise(extractIntentFeatures(text, settings.features));
      if (vector.indices.length === 0) return fallBack(uniformScores(), 0);
      const regression = predictSoftmax(model, vector);
      const closest = nearest.closestByClass(vector);
      const combined = blend(regression, closest, settings);
      let best = 0;
      for (let label = 1; label < classes; label += 1) if (combined[label]! > combined[best]!) best = label;
      let runnerUp = best === 0 ? 1 : 0;
      for (let label = 0; label < classes; label += 1) {
        if (label !== best && combined[label]! > combined[runnerUp]!) runnerUp = label;
      }
      const scores = toRecord(combined);
      const confidence = combined[best]!;
      if (best !== defaultLabel && (confidence < settings.minConfidence || confidence - combined[runnerUp]! < settings.minMargin)) {
        return fallBack(scores, combined[defaultLabel]!);
      }
      return { intent: INTENT_IDS[best]!, confidence, scores, ambiguous: false };
    },
  };
}

function blend(regression: Float64Array, closest: Float64Array, settings: IntentClassifierSettings): Float64Array {
  const combined = new Float64Array(regression.length);
  let total = 0;
  for (let label = 0; label < closest.length; label += 1) {
    combined[label] = Math.exp(settings.nearestSharpness * (closest[label]! - 1));
    total += combined[label]!;
  }
  for (let label = 0; label < combined.length; label += 1) {
    combined[label] = settings.regressionShare * regression[label]! + (1 - settings.regressionShare) * (combined[label]! / total);
  }
  return combined;
}

function fallBack(scores: Record<IntentId, number>, confidence: number): IntentClassification {
  return { intent: DEFAULT_INTENT, confidence, scores, ambiguous: true };
}

function toRecord(values: Float64Array): Record<IntentId, number> {
  return Object.fromEntries(INTENT_IDS.map((intent, label) => [intent, values[label]!])) as Record<IntentId, number>;
}

function uniformScores(): Record<IntentId, number> {
  return Object.fromEntries(INTENT_IDS.map((intent) => [intent, 1 / INTENT_IDS.length])) as Record<IntentId, number>;
}
