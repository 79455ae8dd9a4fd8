import { endsWithColon, isTitleLike } from './block-shapes.js';
import type { Block } from './split-into-blocks.js';
import { TITLE_WORDS } from './wording-rules.js';

/** "wouldham-social-media-policy.txt" → "Wouldham social media policy". */
export function titleFromFileName(fileName: string): string {
  const words = fileName.replace(/\.[^.]*$/, '').replace(/[-_\s]+/g, ' ').trim();
  return words === '' ? 'Social media policy' : words[0]!.toUpperCase() + words.slice(1);
}

function namesThePolicy(block: Block): boolean {
  return (
    isTitleLike(block.text, 14) &&
    !endsWithColon(block.text) &&
    !/\b(must|should|shall|could|would|will|may|can)\b/i.test(block.text) &&
    /^\P{Ll}/u.test(block.text) &&
    TITLE_WORDS.test(block.text)
  );
}

/**
 * The policy's title: the first heading-like line that names a policy (or protocol, guidance),
 * looked for first on the cover (before the first numbered line), then as a "... social media
 * policy" line anywhere (a policy printed after its committee minutes). Otherwise the file name, which the
 * reviewer is asked to check anyway.
 */
export function findPolicyTitle(blocks: readonly Block[], fileName: string): { title: string; index: number } {
  const firstNumbered = blocks.findIndex((block) => block.kind === 'numbered');
  const cover = firstNumbered < 0 ? blocks.length : firstNumbered;
  let index = blocks.findIndex((block, at) => at < cover && block.kind !== 'item' && namesThePolicy(block));
  if (index < 0) index = blocks.findIndex((block) => block.kind === 'plain' && namesThePolicy(block) && /social media/i.test(block.text));
  return index >= 0 ? { title: blocks[index]!.text, index } : { title: titleFromFileName(fileName), index: -1 };
}
