import { relative } from 'node:path';
import { findDriftedClauses } from '../policies/find-drifted-clauses.js';
import { loadPolicyLibrary } from '../policies/load-policy-library.js';
import type { CommandOutput } from './command-output.js';

/** Loads every pack and checks each clause against its source documents. Exit 0 when all is well, 1 otherwise. */
export function runCheckPacksCommand(policiesDirectory: string, output: CommandOutput): number {
  const library = loadPolicyLibrary(policiesDirectory);
  let problems = 0;
  for (const [folder, error] of library.brokenPacks) {
    output.error(`${folder}: ${error.message}`);
    problems += 1;
  }
  for (const pack of library.packs.values()) {
    const drifts = findDriftedClauses(pack);
    for (const { clause, field } of drifts) {
      const file = relative(process.cwd(), `${pack.directory}/clauses.yaml`);
      output.error(`${file}: ${clause.id}: ${field} is not found in the pack's sources (section ${clause.section})`);
    }
    problems += drifts.length;
    const examples = pack.clauses.reduce((sum, clause) => sum + clause.questions.length, 0);
    output.print(`${pack.councilId}: ${pack.clauses.length} clauses, ${examples} example questions, ${drifts.length === 0 ? 'all quoted verbatim' : `${drifts.length} drifted`}`);
  }
  return problems === 0 ? 0 : 1;
}
