import { PolicyDeskError } from '../errors.js';
import type { ClauseEntry, PackManifest } from '../policies/pack-schema.js';
import { cutClauses } from './cut-clauses.js';
import { findPolicyTitle } from './find-policy-title.js';
import { guessAudience } from './guess-audience.js';
import { guessStance } from './guess-stance.js';
import { makeClauseIds } from './make-clause-ids.js';
import { removeTableOfContents } from './remove-table-of-contents.js';
import { splitIntoBlocks } from './split-into-blocks.js';

export const DRAFT_ROLE_ID = 'communications-team';
export const DRAFT_ROLE_TITLE = 'Communications team (to be confirmed)';
export const DRAFT_POLICY_DATE = 'to be confirmed';
export const DRAFT_SOURCES_FOLDER = 'sources';

export interface DraftPackInput {
  /** The policy document as plain text. */
  text: string;
  councilId: string;
  councilName: string;
  /** The file name the source is copied under, in the pack's sources/ folder. */
  sourceFileName: string;
}

export interface DraftPack {
  manifest: PackManifest;
  clauses: ClauseEntry[];
}

/**
 * Turns a numbered plain-text policy into a draft pack: one clause per numbered paragraph, item,
 * bullet or headed paragraph, quoted verbatim, with a guessed stance and audience and no example
 * questions. Pure: the caller reads the file and writes the result.
 */
export function draftPackFromText(input: DraftPackInput): DraftPack {
  const allBlocks = splitIntoBlocks(input.text);
  const { title, index: titleIndex } = findPolicyTitle(allBlocks, input.sourceFileName);
  const blocks = removeTableOfContents(allBlocks);
  // What comes before the first number (cover page, title, author) is not policy; an unnumbered
  // document starts after its title.
  const firstNumbered = blocks.findIndex((block) => block.kind === 'numbered');
  const body = firstNumbered >= 0 ? blocks.slice(firstNumbered) : blocks.slice(blocks.indexOf(allBlocks[titleIndex]!) + 1);
  const cut = cutClauses(body, title);
  if (cut.length === 0) {
    throw new PolicyDeskError('INVALID_ARGUMENTS', `${input.sourceFileName}: no clauses found (is it a numbered plain-text policy?)`);
  }

  const ids = makeClauseIds(input.councilId, cut.map((clause) => clause.section));
  const clauses = cut.map((clause, index): ClauseEntry => ({
    id: ids[index]!,
    section: clause.section,
    heading: clause.heading,
    ...(clause.context === undefined ? {} : { context: clause.context }),
    text: clause.text,
    audience: guessAudience(clause.text, clause.context, clause.heading),
    stance: guessStance(clause.text, clause.context, clause.heading),
    questions: [],
  }));

  const manifest: PackManifest = {
    council: { id: input.councilId, name: input.councilName },
    policy: { title, date: DRAFT_POLICY_DATE },
    sources: [`${DRAFT_SOURCES_FOLDER}/${input.sourceFileName}`],
    corrections: [],
    roles: { [DRAFT_ROLE_ID]: { title: DRAFT_ROLE_TITLE } },
    fallback_contact: DRAFT_ROLE_ID,
  };
  return { manifest, clauses };
}
