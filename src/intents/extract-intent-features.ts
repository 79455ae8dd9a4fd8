import { tokenise } from '../answers/normalise-text.js';
import { stemWord } from '../answers/stem-word.js';

/**
 * How much each kind of feature counts before the vector is scaled to unit length. Words carry the meaning;
 * word pairs carry the shape ("can i", "go back", "my request"); letter runs inside words carry typos and
 * slang ("bk", "harrasing", "instgram") that no list of words would hold.
 */
export interface FeatureSettings {
  word: number;
  pair: number;
  letters: number;
  length: number;
  /** Lengths of the letter runs, shortest and longest, counting the space either side of a word. */
  shortestLetters: number;
  longestLetters: number;
}

export const DEFAULT_FEATURE_SETTINGS: FeatureSettings = {
  word: 1,
  pair: 1,
  letters: 0.5,
  length: 0.5,
  shortestLetters: 3,
  longestLetters: 3,
};

const QUESTION_OPENERS = new Set([
  'am', 'are', 'can', 'cn', 'could', 'do', 'does', 'did', 'how', 'hows', 'is', 'isnt', 'may', 'should', 'shud', 'what',
  'whats', 'wat', 'when', 'where', 'wheres', 'which', 'who', 'whos', 'whose', 'why', 'will', 'would', 'r',
]);

export type WeightedFeatures = Map<string, number>;

/**
 * Stop words are kept, unlike for policy matching: "my", "if", "can", "back" and "no" are much of what
 * tells a command from a question. Words are stemmed so "requests" and "requesting" count as one.
 */
export function extractIntentFeatures(text: string, weights: FeatureSettings = DEFAULT_FEATURE_SETTINGS): WeightedFeatures {
  const features: WeightedFeatures = new Map();
  const add = (feature: string, weight: number) => features.set(feature, (features.get(feature) ?? 0) + weight);
  const words = tokenise(text);
  if (words.length === 0) return features;
  const stems = words.map(stemWord);
  for (const stem of stems) add(`w:${stem}`, weights.word);
  // Start and end marks make "back" alone differ from "back" mid-sentence, and "can i ..." a question.
  const marked = ['^', ...stems, '$'];
  for (let index = 0; index + 1 < marked.length; index += 1) add(`p:${marked[index]} ${marked[index + 1]}`, weights.pair);
  for (const word of words) {
    const padded = ` ${word} `;
    for (let size = weights.shortestLetters; size <= weights.longestLetters; size += 1) {
      // No prefix: a letter run holds no colon, so it cannot clash with the prefixed features.
      for (let start = 0; start + size <= padded.length; start += 1) add(padded.slice(start, start + size), weights.letters);
    }
  }
  // Commands are short and questions long: the length alone says a lot about a two-word message.
  add(`n:${words.length >= 7 ? '7+' : words.length >= 4 ? '4-6' : String(words.length)}`, weights.length);
  // One feature for every way of opening a question, so "is ...", "could ..." and "whats ..." teach each other.
  if (QUESTION_OPENERS.has(words[0]!)) add('q:opener', weights.length);
  // Normalising drops the question mark, which is half of what marks a question as one.
  if (text.includes('?')) add('q:?', weights.length);
  return features;
}
