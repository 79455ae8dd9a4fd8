import type { WeightedFeatures } from './extract-intent-features.js';

/** A unit-length vector over the training vocabulary, as parallel arrays for tight loops. */
export interface FeatureVector {
  indices: Int32Array;
  values: Float64Array;
}

export interface FeatureSpace {
  size: number;
  /** Turns features into a unit TF-IDF vector; features no training example has are dropped. */
  vectorise(features: WeightedFeatures): FeatureVector;
}

/** Vocabulary and inverse document frequencies from the training examples (smoothed, as scikit-learn does). */
export function buildFeatureSpace(documents: readonly WeightedFeatures[]): FeatureSpace {
  const positions = new Map<string, number>();
  const documentCounts: number[] = [];
  for (const document of documents) {
    for (const feature of document.keys()) {
      let position = positions.get(feature);
      if (position === undefined) {
        position = documentCounts.length;
        positions.set(feature, position);
        documentCounts.push(0);
      }
      documentCounts[position] = documentCounts[position]! + 1;
    }
  }
  const idf = Float64Array.from(documentCounts, (count) => Math.log((documents.length + 1) / (count + 1)) + 1);
  return {
    size: documentCounts.length,
    vectorise(features) {
      const indices: number[] = [];
      const values: number[] = [];
      let sumOfSquares = 0;
      for (const [feature, weight] of features) {
        const position = positions.get(feature);
        if (position === undefined) continue;
        const value = weight * idf[position]!;
        indices.push(position);
        values.push(value);
        sumOfSquares += value * value;
      }
      const scale = 1 / (Math.sqrt(sumOfSquares) || 1);
      const vector = { indices: new Int32Array(indices.length), values: new Float64Array(values.length) };
      for (let entry = 0; entry < indices.length; entry += 1) {
        vector.indices[entry] = indices[entry]!;
        vector.values[entry] = values[entry]! * scale;
      }
      return vector;
    },
  };
}
