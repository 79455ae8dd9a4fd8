import type { FeatureVector } from './build-feature-space.js';

export interface NearestExamples {
  /** For each class, the cosine similarity of the text to that class's closest example (vectors are unit length). */
  closestByClass(vector: FeatureVector, into?: Float64Array): Float64Array;
}

/** An inverted index over the example vectors: a text only visits the examples it shares a feature with. */
export function indexNearestExamples(
  vectors: readonly FeatureVector[],
  labels: readonly number[],
  classes: number,
  featureCount: number,
): NearestExamples {
  const postingExamples: number[][] = Array.from({ length: featureCount }, () => []);
  const postingValues: number[][] = Array.from({ length: featureCount }, () => []);
  vectors.forEach((vector, example) => {
    for (let entry = 0; entry < vector.indices.length; entry += 1) {
      postingExamples[vector.indices[entry]!]!.push(example);
      postingValues[vector.indices[entry]!]!.push(vector.values[entry]!);
    }
  });
  const exampleClasses = Int32Array.from(labels);
  // Reused between calls: classify is synchronous, so no two calls share them at once.
  const similarities = new Float64Array(vectors.length);
  const touched = new Int32Array(vectors.length);
  return {
    closestByClass(vector, into = new Float64Array(classes)) {
      into.fill(0);
      let touchedCount = 0;
      for (let entry = 0; entry < vector.indices.length; entry += 1) {
        const examples = postingExamples[vector.indices[entry]!]!;
        const values = postingValues[vector.indices[entry]!]!;
        const value = vector.values[entry]!;
        for (let posting = 0; posting < examples.length; posting += 1) {
          const example = examples[posting]!;
          if (similarities[example] === 0) touched[touchedCount++] = example;
          similarities[example] = similarities[example]! + values[posting]! * value;
        }
      }
      for (let position = 0; position < touchedCount; position += 1) {
        const example = touched[position]!;
        const label = exampleClasses[example]!;
        if (similarities[example]! > into[label]!) into[label] = similarities[example]!;
        similarities[example] = 0;
      }
      return into;
    },
  };
}
