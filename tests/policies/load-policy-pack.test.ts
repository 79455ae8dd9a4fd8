import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../src/policies/load-policy-library.js';
import { copyPoliciesFolder, editFile, lineOf } from '../support/make-policies-folder.js';

/** Loads a copy of the shipped packs with one edit to Wouldham's files, and returns Wouldham's error. */
function wouldhamErrorAfter(file: 'pack.yaml' | 'clauses.yaml', edit: (text: string) => string) {
  const policies = copyPoliciesFolder();
  const path = join(policies, 'wouldham', file);
  editFile(path, edit);
  const library = loadPolicyLibrary(policies);
  return { library, path, error: library.brokenPacks.get('wouldham')?.message };
}

describe('loading a policy pack', () => {
  it('names the file, the line and the field of a bad stance', () => {
    const { path, error } = wouldhamErrorAfter('clauses.yaml', (text) =>
      text.replace(/stance: prohibited/, 'stance: forbidden'),
    );
    expect(error).toMatch(/^policies\/wouldham\/clauses\.yaml:\d+: \[\d+\]\.stance: must be one of: prohibited, permitted,/);
    expect(error).toContain(`clauses.yaml:${lineOf(path, 'stance: forbidden')}:`);
  });

  it('asks for quotes when a section is written as a bare number', () => {
    const { path, error } = wouldhamErrorAfter('clauses.yaml', (text) => text.replace(/section: "3\.5"/, 'section: 3.5'));
    expect(error).toContain(`clauses.yaml:${lineOf(path, 'section: 3.5')}:`);
    expect(error).toContain('put the section in quotes');
  });

  it('points at a misspelt field name', () => {
    const { path, error } = wouldhamErrorAfter('clauses.yaml', (text) => text.replace(/\n(\s+)audience:/, '\n$1audeince:'));
    expect(error).toContain(`clauses.yaml:${lineOf(path, 'audeince:')}:`);
    expect(error).toContain('audeince: is not a field this file knows');
  });

  it('reports YAML syntax errors with their line', () => {
    const { error } = wouldhamErrorAfter('clauses.yaml', (text) => text.replace(/stance: guidance/, 'stance: [guidance'));
    expect(error).toMatch(/^policies\/wouldham\/clauses\.yaml:\d+: /);
  });

  it('rejects a contact that is not one of the pack\'s roles', () => {
    const { path, error } = wouldhamErrorAfter('clauses.yaml', (text) => text.replace(/contact: the-council/, 'contact: chief-wizard'));
    expect(error).toContain(`clauses.yaml:${lineOf(path, 'contact: chief-wizard')}:`);
    expect(error).toContain('"chief-wizard" is not one of the roles');
  });

  it('checks every role of a contact list', () => {
    const { path, error } = wouldhamErrorAfter('clauses.yaml', (text) => text.replace(/contact: the-council/, 'contact: [clerk, town-crier]'));
    expect(error).toContain(`clauses.yaml:${lineOf(path, 'contact: [clerk, town-crier]')}:`);
    expect(error).toContain('"town-crier" is not one of the roles');
  });

  it('rejects a clause id used twice', () => {
    const { error } = wouldhamErrorAfter('clauses.yaml', (text) => {
      const ids = [...text.matchAll(/- id: (\S+)/g)].map((match) => match[1]!);
      return text.replace(`- id: ${ids[1]}`, `- id: ${ids[0]}`);
    });
    expect(error).toMatch(/\[1\]\.id: "wouldham-[a-z0-9-]+" is used twice/);
  });

  it('rejects a fallback contact that is not a role, naming pack.yaml', () => {
    const { path, error } = wouldhamErrorAfter('pack.yaml', (text) => text.replace(/fallback_contact: \S+/, 'fallback_contact: nobody'));
    expect(error).toBe(`policies/wouldham/pack.yaml:${lineOf(path, 'fallback_contact: nobody')}: fallback_contact: "nobody" is not one of the roles`);
  });

  it('rejects a source document that is not in the pack folder', () => {
    const policies = copyPoliciesFolder();
    rmSync(join(policies, 'wouldham', 'sources'), { recursive: true });
    expect(loadPolicyLibrary(policies).brokenPacks.get('wouldham')?.message).toMatch(/pack\.yaml:\d+: sources\.0: no file/);
  });

  it('never half-loads: a broken pack is left out whole and the others still load', () => {
    const { library } = wouldhamErrorAfter('clauses.yaml', (text) => text.replace(/stance: prohibited/, 'stance: forbidden'));
    expect(library.packs.has('wouldham')).toBe(false);
    expect([...library.packs.keys()]).toEqual(['cannock', 'chiltern', 'dacorum']);
  });

  it('refuses a pre-election topic the thesaurus does not define', () => {
    const policies = copyPoliciesFolder();
    editFile(join(policies, 'dacorum', 'pack.yaml'), (text) => text.replace('topics: [election, politics]', 'topics: [election, astrology]'));
    expect(loadPolicyLibrary(policies).brokenPacks.get('dacorum')?.message).toContain('"astrology" is not a concept');
  });
});
