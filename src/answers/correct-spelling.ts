import Fuse from 'fuse.js';
import { damerauLevenshtein } from './damerau-levenshtein.js';

const SHORTEST_CORRECTABLE_WORD = 4;

/** How many edits a word of this length may be away from the word it is taken for. */
function editsAllowed(length: number): number {
  return length >= 8 ? 2 : 1;
}

/**
 * Maps a misspelt word to a word the policies or the thesaurus use ("collegue" -> "colleague").
 * fuse.js finds candidates among words of about the same length; an edit-distance bound then keeps
 * only near-certain fixes. Real English words are never corrected, so "formally" stays "formally".
 */
export class SpellingCorrector {
  private readonly known: ReadonlySet<string>;
  private readonly englishWords: ReadonlySet<string>;
  private readonly indexesByLength = new Map<number, Fuse<string>>();
  private readonly remembered = new Map<string, string | null>();

  constructor(vocabulary: Iterable<string>, englishWords: ReadonlySet<string> = new Set()) {
    this.englishWords = englishWords;
    const known = new Set<string>();
    for (const word of vocabulary) if (/^\p{L}+$/u.test(word)) known.add(word);
    this.known = known;
    const byLength = new Map<number, string[]>();
    for (const word of known) {
      const bucket = byLength.get(word.length) ?? [];
      bucket.push(word);
      byLength.set(word.length, bucket);
    }
    for (const [length, words] of byLength) {
      this.indexesByLength.set(
        length,
        new Fuse(words, { includeScore: true, ignoreLocation: true, threshold: 0.4, isCaseSensitive: true }),
      );
    }
  }

  isKnown(word: string): boolean {
    return this.known.has(word);
  }

  /** The corrected word, or undefined when the word is known, a real English word, too short, or has no close match. */
  correct(word: string): string | undefined {
    if (
      this.known.has(word) ||
      this.englishWords.has(word) ||
      word.length < SHORTEST_CORRECTABLE_WORD ||
      !/^\p{L}+$/u.test(word)
    ) {
      return undefined;
    }
    const remembered = this.remembered.get(word);
    if (remembered !== undefined) return remembered ?? undefined;
    const correction = this.findCorrection(word);
    if (this.remembered.size > 10_000) this.remembered.clear();
    this.remembered.set(word, correction ?? null);
    return correction;
  }

  private findCorrection(word: string): string | undefined {
    const allowed = editsAllowed(word.length);
    let best: string | undefined;
    let bestDistance = allowed + 1;
    for (let length = word.length - allowed; length <= word.length + allowed; length += 1) {
      const index = this.indexesByLength.get(length);
      if (!index) continue;
      for (const { item } of index.search(word, { limit: 8 })) {
        const distance = damerauLevenshtein(word, item, allowed);
        // Ties go to the shorter word, then alphabetical, so the result never depends on index order.
        if (
          distance < bestDistance ||
          (distance === bestDistance && best !== undefined && (item.length < best.length || (item.length === best.length && item < best)))
        ) {
          best = item;
          bestDistance = distance;
        }
      }
    }
    return bestDistance <= allowed ? best : undefined;
  }
}
