import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { PolicyDeskError } from '../errors.js';
import { BUSINESS_CASE_FILE, loadBusinessCase } from './load-business-case.js';
import { loadReportRouting, REPORT_ROUTING_FILE } from './load-report-routing.js';
import { clauseFileSchema, packManifestSchema } from './pack-schema.js';
import { toClause, toRoles, type Clause, type PolicyPack } from './policy-pack.js';
import { readYamlFile } from './read-yaml-file.js';

export const PACK_MANIFEST_FILE = 'pack.yaml';
export const PACK_CLAUSES_FILE = 'clauses.yaml';

/**
 * Loads one council's pack, all or nothing: every file is validated and every cross-reference
 * checked before the pack is returned, so a bad pack never half-loads. `thesaurusConcepts`, when
 * given, are the concepts a pre-election topic may name.
 */
export function loadPolicyPack(packDirectory: string, displayRoot: string, thesaurusConcepts?: ReadonlySet<string>): PolicyPack {
  const display = (file: string) => relative(displayRoot, join(packDirectory, file)) || file;
  const manifestPath = join(packDirectory, PACK_MANIFEST_FILE);
  const clausesPath = join(packDirectory, PACK_CLAUSES_FILE);
  const manifestFile = readYamlFile(manifestPath, display(PACK_MANIFEST_FILE), packManifestSchema);
  const clauseFile = readYamlFile(clausesPath, display(PACK_CLAUSES_FILE), clauseFileSchema);
  const manifest = manifestFile.data;
  const councilId = manifest.council.id;

  const manifestProblem = (path: (string | number)[], message: string) =>
    new PolicyDeskError(
      'PACK_INVALID',
      `${display(PACK_MANIFEST_FILE)}:${manifestFile.lineOf(path)}: ${path.join('.')}: ${message}`,
    );
  const clauseProblem = (index: number, field: string, message: string) =>
    new PolicyDeskError(
      'PACK_INVALID',
      `${display(PACK_CLAUSES_FILE)}:${clauseFile.lineOf([index, field])}: [${index}].${field}: ${message}`,
    );

  if (councilId !== basename(packDirectory)) {
    throw manifestProblem(['council', 'id'], `must match the folder name "${basename(packDirectory)}"`);
  }
  manifest.sources.forEach((source, index) => {
    if (!existsSync(join(packDirectory, source))) {
      throw manifestProblem(['sources', index], `no file "${source}" in the pack folder`);
    }
  });
  const roles = toRoles(manifest);
  if (!roles.has(manifest.fallback_contact)) {
    throw manifestProblem(['fallback_contact'], `"${manifest.fallback_contact}" is not one of the roles`);
  }

  const clausesById = new Map<string, Clause>();
  clauseFile.data.forEach((entry, index) => {
    if (!entry.id.startsWith(`${councilId}-`)) {
      throw clauseProblem(index, 'id', `must start with "${councilId}-"`);
    }
    if (clausesById.has(entry.id)) throw clauseProblem(index, 'id', `"${entry.id}" is used twice`);
    const unknownContact = [entry.contact ?? []].flat().find((roleId) => !roles.has(roleId));
    if (unknownContact) {
      throw clauseProblem(index, 'contact', `"${unknownContact}" is not one of the roles in ${PACK_MANIFEST_FILE}`);
    }
    clausesById.set(entry.id, toClause(councilId, entry));
  });

  const preElection = manifest.pre_election;
  if (preElection && !clausesById.has(preElection.clause)) {
    throw manifestProblem(['pre_election', 'clause'], `"${preElection.clause}" is not a clause id in ${PACK_CLAUSES_FILE}`);
  }
  preElection?.topics.forEach((topic, index) => {
    if (thesaurusConcepts && !thesaurusConcepts.has(topic)) {
      throw manifestProblem(['pre_election', 'topics', index], `"${topic}" is not a concept in policies/thesaurus.yaml`);
    }
  });

  const businessCase = loadBusinessCase(
    packDirectory,
    display(BUSINESS_CASE_FILE),
    new Set(clausesById.keys()),
    new Set(roles.keys()),
  );
  const reportRouting = loadReportRouting(packDirectory, display(REPORT_ROUTING_FILE), new Set(clausesById.keys()), new Set(roles.keys()));

  return {
    councilId,
    councilName: manifest.council.name,
    policyTitle: manifest.policy.title,
    policyDate: manifest.policy.date,
    directory: packDirectory,
    sourceFiles: manifest.sources.map((source) => join(packDirectory, source)),
    corrections: manifest.corrections,
    roles,
    fallbackContactRoleId: manifest.fallback_contact,
    preElection: preElection && { clauseId: preElection.clause, topics: preElection.topics, periods: preElection.periods },
    clauses: [...clausesById.values()],
    clausesById,
    businessCase,
    reportRouting,
  };
}
