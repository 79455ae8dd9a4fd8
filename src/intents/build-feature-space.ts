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

/**
 * Vocabulary and inverse document frequencies from the training examples (smoothed, as scikit-learn does),
 * and the examples' own vectors, made in the same pass so each feature is looked up once.
 */
export function buildFeatureSpace(documents: readonly WeightedFeatures[]): { space: FeatureSpace; vectors: FeatureVector[] } {
  const positions = new Map<string, number>();
  const documentCounts: number[] = [];
  const documentPositions = documents.map((document) => {
    const found = new Int32Array(document.size);
    let entry = 0;
    for (const feature of document.keys()) {
      let position = positions.get(feature);
      if (position === undefined) {
        position = documentCounts.length;
        positions.set(feature, position);
        documentCounts.push(0);
      }
      documentCounts[position] = documentCounts[position]! + 1;
      found[entry++] = position;
    }
    return found;
  });
  const idf = new Float64Array(documentCounts.length);
  for (let position = 0; position < idf.length; position += 1) {
    idf[position] = Math.log((documents.length + 1) / (documentCounts[position]! + 1)) + 1;
  }
  const vectors = documents.map((document, index) => {
    const indices = documentPositions[index]!;
    const values = new Float64Array(indices.length);
    let entry = 0;
    for (const weight of document.values()) {
      values[entry] = weight * idf[indices[entry]!]!;
      entry += 1;
    }
    return { indices, values: scaleToUnitLength(values) };
  });
  const space: FeatureSpace = {
    size: documentCounts.length,
    vectorise(features) {
      const indices: number[] = [];
      const values: number[] = [];
      for (const [feature, weight] of features) {
        const position = positions.get(feature);
        if (position === undefined) continue;
        const value = weight * idf[position]!;
        indices.push(position);
        values.push(value);
      }
      return { indices: Int32Array.from(indices), values: scaleToUnitLength(Float64Array.from(values)) };
    },
  };
  return { space, vectors };
}

function scaleToUnitLength(values: Float64Array): Float64Array {
  let sumOfSquares = 0;
  for (const value of values) sumOfSquares += value * value;
  const scale = 1 / (Math.sqrt(sumOfSquares) || 1);
  for (let entry = 0; entry < values.length; entry += 1) values[entry] = values[entry]! * scale;
  return values;
}
