import type { ThesaurusFile } from '../policies/pack-schema.js';
import { tokenise } from './normalise-text.js';
import { stemWord } from './stem-word.js';

export const CONCEPT_PREFIX = '~';

interface PhraseNode {
  next: Map<string, PhraseNode>;
  concepts: string[];
}

export interface CompiledThesaurus {
  stopWords: ReadonlySet<string>;
  /** Every word the thesaurus spells out, so the spelling corrector knows them. */
  words: ReadonlySet<string>;
  offTopicConcepts: ReadonlySet<string>;
  phraseRoot: PhraseNode;
  longestPhrase: number;
}

/** Phrases are stored as sequences of stems, so "photos" and "photo" hit the same entry. */
export function compileThesaurus(file: ThesaurusFile): CompiledThesaurus {
  const phraseRoot: PhraseNode = { next: new Map(), concepts: [] };
  const words = new Set<string>();
  const offTopicConcepts = new Set<string>();
  let longestPhrase = 1;

  const addConcept = (conceptId: string, terms: string[]) => {
    const feature = CONCEPT_PREFIX + conceptId;
    for (const term of terms) {
      const tokens = tokenise(term);
      if (tokens.length === 0) continue;
      tokens.forEach((token) => words.add(token));
      longestPhrase = Math.max(longestPhrase, tokens.length);
      let node = phraseRoot;
      for (const token of tokens) {
        const stem = stemWord(token);
        let child = node.next.get(stem);
        if (!child) {
          child = { next: new Map(), concepts: [] };
          node.next.set(stem, child);
        }
        node = child;
      }
      if (!node.concepts.includes(feature)) node.concepts.push(feature);
    }
  };

  for (const [conceptId, terms] of Object.entries(file.concepts)) addConcept(conceptId, terms);
  for (const [conceptId, terms] of Object.entries(file.off_topic)) {
    addConcept(conceptId, terms);
    offTopicConcepts.add(CONCEPT_PREFIX + conceptId);
  }
  const stopWords = new Set(file.stop_words.flatMap((word) => tokenise(word)));
  stopWords.forEach((word) => words.add(word));
  return { stopWords, words, offTopicConcepts, phraseRoot, longestPhrase };
}

export interface PhraseMatch {
  length: number;
  concepts: string[];
}

/** The longest thesaurus phrase starting at `start`, if any. */
export function matchLongestPhrase(
  thesaurus: CompiledThesaurus,
  stems: readonly string[],
  start: number,
): PhraseMatch | undefined {
  let node = thesaurus.phraseRoot;
  let best: PhraseMatch | undefined;
  for (let index = start; index < stems.length && index - start < thesaurus.longestPhrase; index += 1) {
    const child = node.next.get(stems[index]!);
    if (!child) break;
    node = child;
    if (node.concepts.length > 0) best = { length: index - start + 1, concepts: node.concepts };
  }
  return best;
}
