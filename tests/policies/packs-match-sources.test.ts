import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/read-config.js';
import { findDriftedClauses } from '../../src/policies/find-drifted-clauses.js';
import { listPackFolders, loadPolicyLibrary } from '../../src/policies/load-policy-library.js';

const policiesDirectory = readConfig({}).policiesDirectory;
const library = loadPolicyLibrary(policiesDirectory);

describe('the shipped policy packs', () => {
  it('all load, with no pack left out', () => {
    expect([...library.brokenPacks.entries()].map(([folder, error]) => `${folder}: ${error.message}`)).toEqual([]);
    expect([...library.packs.keys()]).toEqual(listPackFolders(policiesDirectory));
    expect([...library.packs.keys()]).toEqual(expect.arrayContaining(['cannock', 'chiltern', 'dacorum', 'wouldham']));
  });

  for (const folder of listPackFolders(policiesDirectory)) {
    it(`${folder}: every clause's text and lead-in appear in the pack's source documents`, () => {
      const pack = library.packs.get(folder)!;
      const drifted = findDriftedClauses(pack).map(({ clause, field }) => `${clause.id} (${field})`);
      expect(drifted).toEqual([]);
    });
  }
});
