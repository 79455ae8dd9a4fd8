import { isTitleLike, sectionOfNumber } from './block-shapes.js';
import type { Block } from './split-into-blocks.js';

const CONTENTS_LINE = /^(table of )?contents$/i;
const FILLER_LINE = /^((table of )?contents|appendix|appendices|annexes|schedules|index)$/i;

/** A contents entry: a short numbered title with no sentence punctuation (a "?" is allowed). */
function isEntry(block: Block): boolean {
  return block.kind === 'numbered' && block.text !== '' && isTitleLike(block.text, 12) && !/[:!]$/.test(block.text);
}

/** An unnumbered title that belongs inside a contents list ("Appendices"). */
function isFiller(block: Block): boolean {
  return block.kind === 'plain' && FILLER_LINE.test(block.text);
}

/**
 * Drops tables of contents: runs of three or more short numbered titles with no body text between
 * them, whose numbers come back later in the document. The run is cut after its last entry that
 * comes back, so the first real heading after a contents list is kept.
 */
export function removeTableOfContents(blocks: readonly Block[]): Block[] {
  const numbersAfter = (index: number) =>
    new Set(blocks.slice(index + 1).filter((block) => block.kind === 'numbered').map((block) => sectionOfNumber(block.marker)));
  const kept: Block[] = [];
  let index = 0;
  while (index < blocks.length) {
    const block = blocks[index]!;
    if (!isEntry(block)) {
      if (!(block.kind === 'plain' && CONTENTS_LINE.test(block.text))) kept.push(block);
      index += 1;
      continue;
    }
    let end = index;
    while (end < blocks.length && (isEntry(blocks[end]!) || isFiller(blocks[end]!))) end += 1;
    let last = -1;
    let entries = 0;
    for (let at = index; at < end; at += 1) {
      const candidate = blocks[at]!;
      if (!isEntry(candidate)) continue;
      entries += 1;
      if (numbersAfter(at).has(sectionOfNumber(candidate.marker))) last = at;
    }
    if (entries >= 3 && last >= index + 2) {
      index = last + 1;
    } else {
      kept.push(block);
      index += 1;
    }
  }
  return kept;
}
