import { seededRandom } from '../random/seeded-random.js';
import type { FeatureVector } from './build-feature-space.js';

export interface SoftmaxSettings {
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied to the weights an example touches (lazily, as sparse SGD does). */
  penalty: number;
  seed: number;
  learntAbove: number;
  /** The learning rate falls as 1 / (1 + epoch * decay): big steps first, then settling. */
  decay: number;
}

export const DEFAULT_SOFTMAX_SETTINGS: SoftmaxSettings = { epochs: 10, learningRate: 4, penalty: 1e-4, seed: 1, learntAbove: 0.9, decay: 1 };

/** Multinomial logistic regression: a weight per feature and class, and a bias per class. */
export interface SoftmaxModel {
  classes: number;
  weights: Float64Array;
  biases: Float64Array;
}

/** Class probabilities for one vector, written into `into`. */
export function predictSoftmax(model: SoftmaxModel, vector: FeatureVector, into: Float64Array = new Float64Array(model.classes)): Float64Array {
  const { classes, weights, biases } = model;
  for (let label = 0; label < classes; label += 1) into[label] = biases[label]!;
  for (let entry = 0; entry < vector.indices.length; entry += 1) {
    const row = vector.indices[entry]! * classes;
    const value = vector.values[entry]!;
    for (let label = 0; label < classes; label += 1) into[label] = into[label]! + weights[row + label]! * value;
  }
  let highest = -Infinity;
  for (let label = 0; label < classes; label += 1) highest = Math.max(highest, into[label]!);
  let total = 0;
  for (let label = 0; label < classes; label += 1) {
    into[label] = Math.exp(into[label]! - highest);
    total += into[label]!;
  }
  for (let label = 0; label < classes; label += 1) into[label] = into[label]! / total;
  return into;
}

/**
 * Plain stochastic gradient descent over the examples in a seeded order, so the same data always gives
 * the same model (and the same answers) on every start-up.
 */
export function trainSoftmaxRegression(
  vectors: readonly FeatureVector[],
  labels: readonly number[],
  classes: number,
  featureCount: number,
  settings: SoftmaxSettings = DEFAULT_SOFTMAX_SETTINGS,
): SoftmaxModel {
  const model: SoftmaxModel = {
    classes,
    weights: new Float64Array(featureCount * classes),
    biases: new Float64Array(classes),
  };
  const order = vectors.map((_, position) => position);
  const random = seededRandom(settings.seed);
  const probabilities = new Float64Array(classes);
  // The epoch each example was last found learnt in: it is not looked at again in the next epoch.
  const learntIn = new Int32Array(vectors.length).fill(-2);
  for (let epoch = 0; epoch < settings.epochs; epoch += 1) {
    shuffle(order, random);
    const rate = settings.learningRate / (1 + epoch * settings.decay);
    for (const position of order) {
      if (learntIn[position] === epoch - 1) continue;
      const vector = vectors[position]!;
      predictSoftmax(model, vector, probabilities);
      const label = labels[position]!;
      // An example already learnt would barely move the weights: skipping it, and resting it for an epoch,
      // makes the later epochs cheap.
      if (probabilities[label]! > settings.learntAbove) {
        learntIn[position] = epoch;
        continue;
      }
      for (let entry = 0; entry < vector.indices.length; entry += 1) {
        const row = vector.indices[entry]! * classes;
        const value = vector.values[entry]!;
        for (let other = 0; other < classes; other += 1) {
          const gradient = (probabilities[other]! - (other === label ? 1 : 0)) * value;
          const weight = model.weights[row + other]!;
          model.weights[row + other] = weight - rate * (gradient + settings.penalty * weight);
        }
      }
      for (let other = 0; other < classes; other += 1) {
        model.biases[other] = model.biases[other]! - rate * (probabilities[other]! - (other === label ? 1 : 0));
      }
    }
  }
  return model;
}


function shuffle(items: number[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}
