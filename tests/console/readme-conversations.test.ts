import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { runCli } from '../support/run-cli.js';

const readme = readFileSync(join(findPackageRoot(), 'README.md'), 'utf8');

/** The text block that follows an HTML comment marker in the README. */
function blockAfter(marker: string): string {
  const at = readme.indexOf(`<!-- ${marker} -->`);
  if (at < 0) throw new Error(`README has no <!-- ${marker} -->`);
  const match = /```text\n([\s\S]*?)\n```/.exec(readme.slice(at));
  if (!match) throw new Error(`no text block after <!-- ${marker} -->`);
  return match[1]!;
}

describe('the scripted conversations in the README', () => {
  it.each(['dacorum-approved', 'dacorum-rejected', 'cannock-threats'])('%s runs through the real CLI and prints the transcript shown', (name) => {
    const script = blockAfter(`conversation: ${name}`);
    // The conversation's name starts with its council.
    const { status, stdout } = runCli(['chat', '--council', name.split('-')[0]!], { input: `${script}\n` });
    expect(status).toBe(0);
    const transcript = stdout.split('\n');
    let position = 0;
    for (const expected of blockAfter(`transcript: ${name}`).split('\n').filter((line) => line.trim() !== '')) {
      const found = transcript.findIndex((line, index) => index >= position && line.includes(expected.trim()));
      expect(found, `"${expected.trim()}" after line ${position} of the transcript`).toBeGreaterThanOrEqual(0);
      position = found + 1;
    }
  });
});
