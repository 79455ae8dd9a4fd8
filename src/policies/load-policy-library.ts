import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bankHolidaysFileSchema } from '../calendar/bank-holidays-schema.js';
import { PolicyDeskError } from '../errors.js';
import { loadPolicyPack, PACK_MANIFEST_FILE } from './load-policy-pack.js';
import { outOfScopeFileSchema, thesaurusSchema, type ThesaurusFile } from './pack-schema.js';
import type { PolicyPack } from './policy-pack.js';
import { loadReportForm, type ReportForm } from './report-form.js';
import { readYamlFile } from './read-yaml-file.js';

export const THESAURUS_FILE = 'thesaurus.yaml';
export const OUT_OF_SCOPE_FILE = 'out-of-scope.yaml';
export const BANK_HOLIDAYS_FILE = 'bank-holidays.yaml';

export interface PolicyLibrary {
  packs: ReadonlyMap<string, PolicyPack>;
  thesaurus: ThesaurusFile;
  /** Questions no policy answers (annual leave, blue ticks): Policy Desk declines questions like these. */
  outOfScopeQuestions: string[];
  /** Dates (YYYY-MM-DD) that are not working days, for approval reminders. */
  bankHolidays: ReadonlySet<string>;
  /** The questions asked of someone reporting abuse, a breach or a mistake (policies/report-form.yaml). */
  reportForm?: ReportForm | undefined;
  /** Packs that failed to load, by council folder: each is left out whole, the others still serve. */
  brokenPacks: ReadonlyMap<string, PolicyDeskError>;
}

/** Loads every pack under the policies folder. The shared thesaurus must load, or nothing can be matched. */
export function loadPolicyLibrary(policiesDirectory: string, displayRoot = join(policiesDirectory, '..')): PolicyLibrary {
  if (!existsSync(policiesDirectory)) {
    throw new PolicyDeskError('INVALID_CONFIG', `policies folder not found: ${policiesDirectory}`);
  }
  const thesaurusFile = readYamlFile(
    join(policiesDirectory, THESAURUS_FILE),
    join('policies', THESAURUS_FILE),
    thesaurusSchema,
  );
  const outOfScopePath = join(policiesDirectory, OUT_OF_SCOPE_FILE);
  const outOfScopeQuestions = existsSync(outOfScopePath)
    ? readYamlFile(outOfScopePath, join('policies', OUT_OF_SCOPE_FILE), outOfScopeFileSchema).data.questions
    : [];
  const bankHolidaysPath = join(policiesDirectory, BANK_HOLIDAYS_FILE);
  const bankHolidays = new Set(
    existsSync(bankHolidaysPath)
      ? readYamlFile(bankHolidaysPath, join('policies', BANK_HOLIDAYS_FILE), bankHolidaysFileSchema).data.dates.map((entry) => entry.date)
      : [],
  );
  const packs = new Map<string, PolicyPack>();
  const brokenPacks = new Map<string, PolicyDeskError>();
  const concepts = new Set(Object.keys(thesaurusFile.data.concepts));
  const thesaurusReferences: [(string | number)[], string][] = [
    ...thesaurusFile.data.domain_anchors.map((concept, position): [(string | number)[], string] => [['domain_anchors', position], concept]),
    ...Object.entries(thesaurusFile.data.audience_cues).flatMap(([audience, cues]) =>
      (cues ?? []).map((concept, position): [(string | number)[], string] => [['audience_cues', audience, position], concept]),
    ),
  ];
  for (const [path, concept] of thesaurusReferences) {
    if (!concepts.has(concept)) {
      throw new PolicyDeskError(
        'PACK_INVALID',
        `policies/${THESAURUS_FILE}:${thesaurusFile.lineOf(path)}: ${path.join('.')}: "${concept}" is not one of the concepts`,
      );
    }
  }
  for (const folder of listPackFolders(policiesDirectory)) {
    try {
      packs.set(folder, loadPolicyPack(join(policiesDirectory, folder), displayRoot, concepts));
    } catch (error) {
      if (!(error instanceof PolicyDeskError)) throw error;
      brokenPacks.set(folder, error);
    }
  }
  return { packs, thesaurus: thesaurusFile.data, outOfScopeQuestions, bankHolidays, brokenPacks, reportForm: loadReportForm(policiesDirectory) };
}

export function listPackFolders(policiesDirectory: string): string[] {
  return readdirSync(policiesDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(policiesDirectory, entry.name, PACK_MANIFEST_FILE)))
    .map((entry) => entry.name)
    .sort();
}

/** The pack for a council, or a clear error: unknown council, or a pack that failed its checks. */
export function requirePack(library: PolicyLibrary, councilId: string): PolicyPack {
  const pack = library.packs.get(councilId);
  if (pack) return pack;
  const broken = library.brokenPacks.get(councilId);
  if (broken) throw broken;
  const known = [...library.packs.keys()].join(', ');
  throw new PolicyDeskError('UNKNOWN_COUNCIL', `unknown council "${councilId}" (known: ${known})`);
}
