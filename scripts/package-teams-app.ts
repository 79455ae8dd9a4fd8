/**
 * npm run teams:package [-- --out <file.zip>]
 * Builds the Microsoft Teams app package (manifest.json, color.png, outline.png) to upload in the Teams admin
 * centre. Reads MicrosoftAppId and the optional POLICY_DESK_TEAMS_* variables; see the README, "Microsoft Teams".
 * Writes dist/teams/policy-desk-teams.zip unless --out says otherwise.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseCommandArguments } from '../src/cli/parse-command-arguments.js';
import { findPackageRoot } from '../src/config/find-package-root.js';
import { isPolicyDeskError, PolicyDeskError } from '../src/errors.js';
import { buildTeamsPackage, TEAMS_ICONS, TEAMS_MANIFEST_VERSION, type TeamsIcon } from '../src/teams/build-teams-package.js';
import { readTeamsPackageConfig } from '../src/teams/read-teams-package-config.js';

const USAGE = 'usage: npm run teams:package [-- --out <file.zip>]';

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandArguments(argv, { out: { type: 'string' } }, USAGE);
  if (parsed.positionals.length > 0) throw new PolicyDeskError('INVALID_ARGUMENTS', `unexpected argument; ${USAGE}`);
  const settings = readTeamsPackageConfig(process.env);
  const root = findPackageRoot();
  const out = readOutPath(parsed.options.out, root);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version;
  const icons = { color: readIcon(root, 'color'), outline: readIcon(root, 'outline') };
  const zip = await buildTeamsPackage(settings, String(version), icons);

  // Written beside the target and renamed, so a failed run never leaves half a zip to upload.
  try {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(`${out}.partial`, zip);
    renameSync(`${out}.partial`, out);
  } catch (error) {
    throw cannotWrite(out, error);
  }
  process.stdout.write(
    `Wrote ${shown(out)} (Teams manifest ${TEAMS_MANIFEST_VERSION}, app version ${version}) for bot ${settings.botId}; upload it in the Teams admin centre\n`,
  );
  return 0;
}

function readOutPath(option: string | boolean | undefined, root: string): string {
  if (option === undefined) return join(root, 'dist', 'teams', 'policy-desk-teams.zip');
  if (typeof option !== 'string' || option.trim() === '') throw new PolicyDeskError('INVALID_ARGUMENTS', `--out needs a file name; ${USAGE}`);
  const out = resolve(option);
  let isFolder: boolean | undefined;
  try {
    isFolder = statSync(out, { throwIfNoEntry: false })?.isDirectory();
  } catch (error) {
    throw cannotWrite(out, error);
  }
  if (isFolder) throw new PolicyDeskError('INVALID_ARGUMENTS', `--out names a folder: give a file such as ${join(option, 'policy-desk-teams.zip')}`);
  return out;
}

/** A file-system failure as one line: the path and the system's code (ENOTDIR, EACCES), not its stack. */
function cannotWrite(out: string, error: unknown): PolicyDeskError {
  const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
  return new PolicyDeskError('INVALID_ARGUMENTS', `cannot write ${shown(out)} (${code}): give another --out`);
}

function readIcon(root: string, icon: TeamsIcon): Buffer {
  const file = TEAMS_ICONS[icon].file;
  try {
    return readFileSync(join(root, 'teams', file));
  } catch {
    throw new PolicyDeskError('FILE_UNREADABLE', `teams/${file} is missing or unreadable: it ships with Policy Desk, so restore it from the repository`);
  }
}

/** Relative to where the command ran when the file is under it, so the usual line reads dist/teams/…. */
function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere !== '' && !fromHere.startsWith('..') ? fromHere : path;
}

// Every failure ends as one line on stderr: exit 2 for bad input, 1 for anything unexpected. Never a stack trace.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isPolicyDeskError(error)) {
      process.stderr.write(`policy-desk: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`policy-desk: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
