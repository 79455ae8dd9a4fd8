import type { Audience, ThesaurusFile } from '../policies/pack-schema.js';
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
  /** Concepts that tie a question to social media, so an off-topic word alone does not rule it out. */
  anchorConcepts: ReadonlySet<string>;
  /** For a narrow audience (staff in sensitive posts), the concepts that show the asker belongs to it. */
  audienceCues: ReadonlyMap<Audience, ReadonlySet<string>>;
  /** Phrases as written, tried first: the stemmer folds "news" into "new", the words themselves do not. */
  wordRoot: PhraseNode;
  /** Phrases as stems, so "photos" still finds "photo". */
  stemRoot: PhraseNode;
  longestPhrase: number;
}

function insertPhrase(root: PhraseNode, keys: readonly string[], feature: string): void {
  let node = root;
  for (const key of keys) {
    let child = node.next.get(key);
    if (!child) {
      child = { next: new Map(), concepts: [] };
      node.next.set(key, child);
    }
    node = child;
  }
  if (!node.concepts.includes(feature)) node.concepts.push(feature);
}

export function compileThesaurus(file: ThesaurusFile): CompiledThesaurus {
  const wordRoot: PhraseNode = { next: new Map(), concepts: [] };
  const stemRoot: PhraseNode = { next: new Map(), concepts: [] };
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
      insertPhrase(wordRoot, tokens, feature);
      insertPhrase(stemRoot, tokens.map(stemWord), feature);
    }
  };

  for (const [conceptId, terms] of Object.entries(file.concepts)) addConcept(conceptId, terms);
  for (const [conceptId, terms] of Object.entries(file.off_topic)) {
    addConcept(conceptId, terms);
    offTopicConcepts.add(CONCEPT_PREFIX + conceptId);
  }
  const stopWords = new Set(file.stop_words.flatMap((word) => tokenise(word)));
  stopWords.forEach((word) => words.add(word));
  const anchorConcepts = new Set(file.domain_anchors.map((conceptId) => CONCEPT_PREFIX + conceptId));
  const audienceCues = new Map(
    Object.entries(file.audience_cues).map(([audience, concepts]) => [
      audience as Audience,
      new Set((concepts ?? []).map((conceptId) => CONCEPT_PREFIX + conceptId)),
    ]),
  );
  return { stopWords, words, offTopicConcepts, anchorConcepts, audienceCues, wordRoot, stemRoot, longestPhrase };
}

export interface PhraseMatch {
  length: number;
  concepts: string[];
}

function longestFrom(root: PhraseNode, keys: readonly string[], start: number, limit: number): PhraseMatch | undefined {
  let node = root;
  let best: PhraseMatch | undefined;
  for (let index = start; index < keys.length && index - start < limit; index += 1) {
    const child = node.next.get(keys[index]!);
    if (!child) break;
    node = child;
    if (node.concepts.length > 0) best = { length: index - start + 1, concepts: node.concepts };
  }
  return best;
}

/** The longest thesaurus phrase starting at `start`, if any; on a tie the words as written win over their stems. */
export function matchLongestPhrase(
  thesaurus: CompiledThesaurus,
  words: readonly string[],
  stems: readonly string[],
  start: number,
): PhraseMatch | undefined {
  const byWords = longestFrom(thesaurus.wordRoot, words, start, thesaurus.longestPhrase);
  const byStems = longestFrom(thesaurus.stemRoot, stems, start, thesaurus.longestPhrase);
  if (!byStems) return byWords;
  if (!byWords) return byStems;
  return byStems.length > byWords.length ? byStems : byWords;
}
