/** A bag of features with weights; vectors here are short (a question, a clause), so a Map is enough. */
export type SparseVector = Map<string, number>;

export function countFeatures(features: readonly string[], scale = 1, into: SparseVector = new Map()): SparseVector {
  for (const feature of features) into.set(feature, (into.get(feature) ?? 0) + scale);
  return into;
}

/** Sublinear term frequency times inverse document frequency, scaled to unit length; unknown features dropped. */
export function weighByIdf(counts: SparseVector, idf: ReadonlyMap<string, number>): SparseVector {
  const weighted: SparseVector = new Map();
  let sumOfSquares = 0;
  for (const [feature, count] of counts) {
    const inverse = idf.get(feature);
    if (inverse === undefined || count <= 0) continue;
    const weight = (1 + Math.log(count)) * inverse;
    weighted.set(feature, weight);
    sumOfSquares += weight * weight;
  }
  const norm = Math.sqrt(sumOfSquares);
  if (norm > 0) for (const [feature, weight] of weighted) weighted.set(feature, weight / norm);
  return weighted;
}
