import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PolicyDeskError } from '../errors.js';
import { PACK_CLAUSES_FILE, PACK_MANIFEST_FILE } from '../policies/load-policy-pack.js';
import type { DraftPack } from './draft-pack-from-text.js';
import { renderClausesYaml, renderManifestYaml } from './render-draft-yaml.js';

/**
 * Writes a draft pack into its folder: pack.yaml, clauses.yaml, and a byte-for-byte copy of the
 * source document where the manifest's sources list says it is, so the drift check reads exactly
 * what was cut. Existing files of the same names are replaced; whether that is allowed is the
 * caller's decision.
 */
export function writeDraftPack(draft: DraftPack, sourceFile: string, packDirectory: string): void {
  const copyTo = join(packDirectory, draft.manifest.sources[0]!);
  try {
    mkdirSync(dirname(copyTo), { recursive: true });
    if (resolve(sourceFile) !== resolve(copyTo)) copyFileSync(sourceFile, copyTo);
    writeFileSync(join(packDirectory, PACK_MANIFEST_FILE), renderManifestYaml(draft.manifest), 'utf8');
    writeFileSync(join(packDirectory, PACK_CLAUSES_FILE), renderClausesYaml(draft.manifest, draft.clauses), 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    throw new PolicyDeskError('INVALID_ARGUMENTS', `cannot write the draft pack to ${packDirectory} (${reason})`);
  }
}
