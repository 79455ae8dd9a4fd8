import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { decodePolicyText } from '../../src/ingest/decode-policy-text.js';

const fixtures = join(findPackageRoot(), 'tests', 'fixtures', 'ingest');
const fixtureBytes = (file: string) => readFileSync(join(fixtures, file));

describe('decodePolicyText', () => {
  it.each([
    ['empty.txt', /^empty\.txt: is empty$/],
    ['whitespace-only.txt', /^whitespace-only\.txt: is empty$/],
    ['binary.bin', /^binary\.bin: is a binary file, not plain text/],
  ])('refuses %s with a one-line FILE_UNREADABLE error', (file, message) => {
    expect(() => decodePolicyText(fixtureBytes(file), file)).toThrow(
      expect.objectContaining({ code: 'FILE_UNREADABLE', message: expect.stringMatching(message) }),
    );
  });

  it('refuses bytes that are not UTF-8', () => {
    const latin1 = Uint8Array.from([0x31, 0x2e, 0x31, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]);
    expect(() => decodePolicyText(latin1, 'policy.txt')).toThrow(/policy\.txt: is not UTF-8 plain text/);
  });

  it('drops a byte-order mark and turns Windows line endings into \\n', () => {
    const bytes = new TextEncoder().encode('\uFEFF1. Introduction\r\n\r\n1.1 Text.\r\n');
    expect(decodePolicyText(bytes, 'policy.txt')).toBe('1. Introduction\n\n1.1 Text.\n');
  });

  it('reads a real policy unchanged', () => {
    const text = decodePolicyText(fixtureBytes('clean-numbered-policy.txt'), 'clean-numbered-policy.txt');
    expect(text).toBe(readFileSync(join(fixtures, 'clean-numbered-policy.txt'), 'utf8'));
  });
});
