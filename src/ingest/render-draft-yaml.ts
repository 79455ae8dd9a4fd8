import { Document, isNode, isPair, isScalar, isSeq, Scalar, visit } from 'yaml';
import type { ClauseEntry, PackManifest } from '../policies/pack-schema.js';

// Long quotes fold over lines a reviewer can read; the loader unfolds them to the same words.
const FOLD_LONGER_THAN = 60;
const LINE_WIDTH = 100;

function manifestHeader(manifest: PackManifest): string {
  return [
    ` DRAFT policy pack for ${manifest.council.name}, written by "policy-desk ingest" from ${manifest.sources.join(', ')}.`,
    ' It is not ready to go live. A communications officer should check:',
    '   - council.name and policy.title as they should be shown to staff;',
    '   - policy.date: as printed on the policy (the draft says "to be confirmed");',
    '   - roles: replace the placeholder communications-team with the people and teams the policy names',
    '     (give each a short id, a title and, where known, an email), and set fallback_contact;',
    '   - corrections: add any extraction slips fixed in the quoted text (see policies/README.md);',
    '   - pre_election: add it if the policy has a clause about election periods.',
  ].join('\n');
}

function clausesHeader(manifest: PackManifest, count: number): string {
  return [
    ` DRAFT clauses for ${manifest.council.name}: ${manifest.policy.title}`,
    ` ${count} clauses cut by "policy-desk ingest" from ${manifest.sources.join(', ')}, quoted word for word.`,
    ' Review every clause before the pack goes live:',
    '   - delete clauses that are not policy (cover notes, minutes, contents, signatures) and merge or split',
    '     clauses where the cut is wrong; keep section and heading as printed (policies/README.md);',
    '   - stance and audience are guesses from the wording: check each one;',
    '   - add contact (a role id from pack.yaml) where a clause names someone to ask or to approve;',
    '   - add questions: how staff actually ask about the clause.',
    ' Then run "policy-desk check-packs": every text and context must still be found in the source.',
  ].join('\n');
}

/** Quotes sections and headings (so "2.10" stays text) and folds long quotations. */
function styleClauseScalars(document: Document): void {
  visit(document, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      const key = String(pair.key.value);
      if (key === 'section' && isScalar(pair.value)) pair.value.type = Scalar.QUOTE_DOUBLE;
      if (key === 'heading' && isSeq(pair.value)) {
        for (const item of pair.value.items) if (isScalar(item)) item.type = Scalar.QUOTE_DOUBLE;
      }
      if ((key === 'text' || key === 'context') && isScalar(pair.value) && String(pair.value.value).length > FOLD_LONGER_THAN) {
        pair.value.type = Scalar.BLOCK_FOLDED;
      }
    },
  });
}

/** pack.yaml for a draft, with a comment header saying what to review. */
export function renderManifestYaml(manifest: PackManifest): string {
  const document = new Document(manifest);
  document.commentBefore = manifestHeader(manifest);
  return document.toString({ lineWidth: LINE_WIDTH });
}

/** clauses.yaml for a draft: one entry per clause, a blank line between entries, a header on top. */
export function renderClausesYaml(manifest: PackManifest, clauses: readonly ClauseEntry[]): string {
  const document = new Document(clauses);
  styleClauseScalars(document);
  if (isSeq(document.contents)) {
    document.contents.items.forEach((item, index) => {
      if (index > 0 && isNode(item)) item.spaceBefore = true;
    });
  }
  document.commentBefore = clausesHeader(manifest, clauses.length);
  return document.toString({ lineWidth: LINE_WIDTH, minContentWidth: 40 });
}
