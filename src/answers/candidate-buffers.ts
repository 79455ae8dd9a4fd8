import type { ClauseIndex, Postings } from './build-clause-index.js';
import type { SparseVector } from './sparse-vector.js';

// The buffers and loops behind one question's first pass over a council's index: kept apart from the
// scoring in match-clauses.ts because they are about speed at scale, not about what makes a good answer.

/**
 * Postings are sorted heaviest first, and a walk stops at the first one adding less than this to a cosine.
 * An approximation: on the labelled questions it moved top-1 and top-3 by at most one question, and at
 * 100 times the packs' size it cut per-question p99 from about 60 ms to about 14 ms (npm run bench).
 */
const NEGLIGIBLE_CONTRIBUTION = 0.02;

/**
 * Per-index buffers reused from question to question, so a question allocates nothing in proportion to
 * the corpus (at 100 times the packs' size that allocation dominated). Matching is synchronous, so one
 * question uses them at a time; every entry a question touches is reset before it returns.
 */
interface MatchScratch {
  textScores: Float64Array;
  exampleScores: Float64Array;
  bestExample: Float64Array;
  bayes: Float64Array;
  quickScores: Float64Array;
  touchedClauses: TouchedList;
  touchedExamples: TouchedList;
}

const scratchByIndex = new WeakMap<ClauseIndex, MatchScratch>();

export function scratchFor(index: ClauseIndex): MatchScratch {
  let scratch = scratchByIndex.get(index);
  if (!scratch) {
    const clauses = index.clauses.length;
    const examples = index.exampleOwners.length;
    scratch = {
      textScores: new Float64Array(clauses),
      exampleScores: new Float64Array(examples),
      bestExample: new Float64Array(clauses),
      bayes: new Float64Array(clauses),
      quickScores: new Float64Array(clauses),
      touchedClauses: new TouchedList(clauses),
      touchedExamples: new TouchedList(examples),
    };
    scratchByIndex.set(index, scratch);
  }
  return scratch;
}

/** Adds query x posting weights into `scores`, listing each id touched so only those are visited and reset. */
export function accumulate(postings: Map<string, Postings>, query: SparseVector, scores: Float64Array, touched: TouchedList): void {
  for (const [feature, queryWeight] of query) {
    const list = postings.get(feature);
    if (!list) continue;
    for (let position = 0; position < list.ids.length; position += 1) {
      const contribution = queryWeight * list.weights[position]!;
      if (contribution < NEGLIGIBLE_CONTRIBUTION) break;
      const id = list.ids[position]!;
      touched.add(id);
      scores[id] = scores[id]! + contribution;
    }
  }
}

/** A list of ids with a mark per id, so adding is O(1), no id is listed twice, and clearing costs only what was added. */
class TouchedList {
  private readonly list: Int32Array;
  private readonly marks: Uint8Array;
  length = 0;

  constructor(size: number) {
    this.list = new Int32Array(size);
    this.marks = new Uint8Array(size);
  }

  get ids(): Int32Array {
    return this.list.subarray(0, this.length);
  }

  add(id: number): void {
    if (this.marks[id] === 0) {
      this.marks[id] = 1;
      this.list[this.length] = id;
      this.length += 1;
    }
  }

  has(id: number): boolean {
    return this.marks[id] === 1;
  }

  clear(): void {
    for (let position = 0; position < this.length; position += 1) this.marks[this.list[position]!] = 0;
    this.length = 0;
  }
}

/** Turns the candidates' log-likelihoods (in place, in `values`) into a posterior over those candidates. */
export function softmaxInPlace(values: Float64Array, ids: Int32Array): void {
  let highest = -Infinity;
  for (let position = 0; position < ids.length; position += 1) highest = Math.max(highest, values[ids[position]!]!);
  let total = 0;
  for (let position = 0; position < ids.length; position += 1) {
    const id = ids[position]!;
    values[id] = Math.exp(values[id]! - highest);
    total += values[id]!;
  }
  for (let position = 0; position < ids.length; position += 1) values[ids[position]!] = values[ids[position]!]! / total;
}

/** The `depth` best ids by their score in `scores`, best first (ties to the lower id): a bounded insertion, not a sort of everything. */
export function selectBest(ids: Int32Array, scores: Float64Array, depth: number): number[] {
  const bestIds: number[] = [];
  const bestScores: number[] = [];
  const beats = (score: number, id: number, position: number) =>
    score > bestScores[position]! || (score === bestScores[position]! && id < bestIds[position]!);
  for (let index = 0; index < ids.length; index += 1) {
    const id = ids[index]!;
    const score = scores[id]!;
    if (bestIds.length === depth && !beats(score, id, depth - 1)) continue;
    let position = bestIds.length === depth ? depth - 1 : bestIds.length;
    while (position > 0 && beats(score, id, position - 1)) {
      bestIds[position] = bestIds[position - 1]!;
      bestScores[position] = bestScores[position - 1]!;
      position -= 1;
    }
    bestIds[position] = id;
    bestScores[position] = score;
  }
  return bestIds;
}

