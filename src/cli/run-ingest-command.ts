import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { PolicyDeskError } from '../errors.js';
import { decodePolicyText } from '../ingest/decode-policy-text.js';
import { draftPackFromText, type DraftPack } from '../ingest/draft-pack-from-text.js';
import { writeDraftPack } from '../ingest/write-draft-pack.js';
import { STANCES } from '../policies/pack-schema.js';
import type { CommandOutput } from './command-output.js';
import { parseCommandArguments, requireOption } from './parse-command-arguments.js';

const USAGE = 'usage: policy-desk ingest <file.txt> --council <id> [--name "<council name>"] [--out <folder>] [--force]';
const COUNCIL_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function invalid(message: string): PolicyDeskError {
  return new PolicyDeskError('INVALID_ARGUMENTS', message);
}

function readPolicyFile(file: string): Uint8Array {
  try {
    if (statSync(file).isDirectory()) throw new PolicyDeskError('FILE_UNREADABLE', `${file}: is a folder, not a policy file`);
    return readFileSync(file);
  } catch (error) {
    if (error instanceof PolicyDeskError) throw error;
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    throw new PolicyDeskError('FILE_UNREADABLE', `${file}: ${why}`);
  }
}

/** Only a folder holding nothing may be written to without --force. */
function holdsAnything(folder: string): boolean {
  if (!existsSync(folder)) return false;
  if (!statSync(folder).isDirectory()) throw invalid(`${folder} exists and is not a folder`);
  return readdirSync(folder).length > 0;
}

function forDisplay(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere === '' || fromHere.startsWith('..') || isAbsolute(fromHere) ? path : fromHere;
}

function summarise(draft: DraftPack, folder: string): string {
  const byStance = STANCES.map((stance) => [stance, draft.clauses.filter((clause) => clause.stance === stance).length] as const)
    .filter(([, count]) => count > 0)
    .map(([stance, count]) => `${count} ${stance}`)
    .join(', ');
  return `drafted ${draft.clauses.length} clauses for ${draft.manifest.council.id} (${byStance}) in ${forDisplay(folder)}; review every clause before it goes live`;
}

/**
 * policy-desk ingest <file.txt> --council <id> [--name "<council name>"] [--out <folder>] [--force]
 * Drafts a policy pack from a numbered plain-text policy, for a communications officer to review.
 * Returns 0 on success; bad input throws a one-line PolicyDeskError for the caller to print.
 */
export function runIngestCommand(args: readonly string[], policiesDirectory: string, output: CommandOutput): number {
  const parsed = parseCommandArguments(
    args,
    { council: { type: 'string' }, name: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    USAGE,
  );
  if (parsed.positionals.length !== 1) {
    throw invalid(`${parsed.positionals.length === 0 ? 'no policy file given' : 'give one policy file only'}; ${USAGE}`);
  }
  const file = parsed.positionals[0]!;
  const councilId = requireOption(parsed, 'council', USAGE);
  if (!COUNCIL_ID.test(councilId)) {
    throw invalid(`--council "${councilId}" must be lower-case letters, digits and single hyphens, e.g. "west-lindsey"`);
  }
  const name = typeof parsed.options.name === 'string' && parsed.options.name.trim() !== '' ? parsed.options.name.trim() : councilId;
  const folder = resolve(typeof parsed.options.out === 'string' ? parsed.options.out : join(policiesDirectory, councilId));
  if (basename(folder) !== councilId) {
    throw invalid(`--out folder must be named after the council id, e.g. ${join(parsed.options.out as string, '..', councilId)}, or the pack will not load`);
  }

  const text = decodePolicyText(readPolicyFile(file), file);
  if (holdsAnything(folder) && parsed.options.force !== true) {
    throw invalid(`${forDisplay(folder)} already exists; use --force to replace its pack.yaml, clauses.yaml and source copy`);
  }
  const draft = draftPackFromText({ text, councilId, councilName: name, sourceFileName: basename(file) });
  writeDraftPack(draft, file, folder);
  output.print(summarise(draft, folder));
  return 0;
}
