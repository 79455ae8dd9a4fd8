import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config/read-config.js';

export const shippedPolicies = readConfig({}).policiesDirectory;

/** A throwaway copy of the shipped policies folder (real files), for tests that break or change a pack. */
export function copyPoliciesFolder(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'policy-desk-policies-')), 'policies');
  cpSync(shippedPolicies, folder, { recursive: true });
  return folder;
}

/** Rewrites one file of the copy: the edit gets the current text and returns the new text. */
export function editFile(path: string, edit: (text: string) => string): void {
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
}

/** The 1-based line of the first occurrence of `needle` in a file. */
export function lineOf(path: string, needle: string): number {
  const lines = readFileSync(path, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not in ${path}`);
  return index + 1;
}
