import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateKeyFile, parseEncryptionKey, parsePreviousKeys } from '../../src/crypto/encryption-key.js';
import { createTextSealer, keyIdOf } from '../../src/crypto/text-sealer.js';
import { PolicyDeskError } from '../../src/errors.js';

/** Report text at rest (issue 4, section 5): AES-256-GCM, refuses anything altered, and survives key rotation. */

const newKey = () => randomBytes(32);

/** Runs `action` and returns the PolicyDeskError it throws; fails if it throws anything else, or nothing. */
function refusal(action: () => unknown): PolicyDeskError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyDeskError);
    return error as PolicyDeskError;
  }
  throw new Error('expected a PolicyDeskError, but nothing was thrown');
}

describe('sealing and opening text', () => {
  it.each([
    ['plain English', 'A man said he knows where I live.'],
    ['unicode, quotes and emoji', 'Cllr Siân Ó Dálaigh — “threats” on X 🚨, 日本語, ﷺ'],
    ['the separator the format uses', 'a.b.c...pd1.'],
    ['empty text', ''],
    ['a long report', 'evidence '.repeat(5000)],
  ])('opens %s to exactly what was sealed', (_what, text) => {
    const sealer = createTextSealer(newKey());
    const sealed = sealer.seal(text);
    expect(sealed).not.toContain(text || '\u0000');
    expect(sealer.open(sealed)).toBe(text);
  });

  it('uses a fresh IV each time, so the same text never seals the same way twice', () => {
    const sealer = createTextSealer(newKey());
    const sealed = Array.from({ length: 200 }, () => sealer.seal('same words'));
    expect(new Set(sealed).size).toBe(200);
    expect(new Set(sealed.map((text) => text.split('.')[2])).size).toBe(200);
    for (const text of sealed) expect(sealer.open(text)).toBe('same words');
  });

  it('opens with a new sealer on the same key, as after a restart', () => {
    const key = newKey();
    expect(createTextSealer(Buffer.from(key)).open(createTextSealer(key).seal('kept across restarts'))).toBe('kept across restarts');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(refusal(() => createTextSealer(randomBytes(16))).code).toBe('INVALID_CONFIG');
    expect(refusal(() => createTextSealer(newKey(), [randomBytes(31)])).code).toBe('INVALID_CONFIG');
  });
});

describe('tampering', () => {
  const sealer = createTextSealer(newKey());
  const sealed = sealer.seal('Confidential: the account is @pinecone_77');
  const parts = sealed.split('.');
  const withPart = (index: number, value: string) => parts.map((part, at) => (at === index ? value : part)).join('.');

  it('is refused whichever byte of the IV, the tag or the ciphertext is changed', () => {
    const accepted: string[] = [];
    for (const [index, name] of [[2, 'iv'], [3, 'tag'], [4, 'body']] as const) {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      expect(bytes.length).toBeGreaterThan(0);
      for (let at = 0; at < bytes.length; at += 1) {
        const altered = Buffer.from(bytes);
        altered[at]! ^= 0x01;
        try {
          sealer.open(withPart(index, altered.toString('base64url')));
          accepted.push(`${name} byte ${at}`);
        } catch (error) {
          expect(error).toBeInstanceOf(PolicyDeskError);
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it('is refused when the format, the key id or the shape is changed', () => {
    refusal(() => sealer.open(withPart(0, 'pd2')));
    refusal(() => sealer.open(withPart(1, '00000000')));
    refusal(() => sealer.open(parts.slice(0, 4).join('.'))); // ciphertext cut off
    refusal(() => sealer.open(`${sealed}.extra`));
    refusal(() => sealer.open('not sealed at all'));
    refusal(() => sealer.open(withPart(4, ''))); // ciphertext removed
  });

  it('is refused when parts of two sealed texts are spliced together', () => {
    const other = sealer.seal('Confidential: the account is @pinecone_78').split('.');
    refusal(() => sealer.open([...parts.slice(0, 3), other[3], parts[4]].join('.')));
    refusal(() => sealer.open([...parts.slice(0, 4), other[4]].join('.')));
  });

  it('is refused when text sealed with one key claims the id of another configured key', () => {
    const oldKey = newKey();
    const rotated = createTextSealer(newKey(), [oldKey]);
    const current = rotated.seal('sealed with the new key').split('.');
    current[1] = keyIdOf(oldKey);
    refusal(() => rotated.open(current.join('.')));
  });
});

describe('key rotation', () => {
  it('opens old text with a previous key, seals new text with the new one, and says which is current', () => {
    const [oldKey, newerKey] = [newKey(), newKey()];
    const old = createTextSealer(oldKey).seal('filed last year');
    const rotated = createTextSealer(newerKey, [oldKey]);
    expect(rotated.open(old)).toBe('filed last year');
    expect(rotated.isCurrent(old)).toBe(false);
    const fresh = rotated.seal('filed today');
    expect(rotated.isCurrent(fresh)).toBe(true);
    expect(fresh.split('.')[1]).toBe(keyIdOf(newerKey));
    expect(createTextSealer(newerKey).open(fresh)).toBe('filed today'); // needs no previous key
  });

  it('gives a clear error naming the key id for text sealed with a key that is not configured', () => {
    const missing = newKey();
    const error = refusal(() => createTextSealer(newKey()).open(createTextSealer(missing).seal('orphaned')));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain(keyIdOf(missing));
    expect(error.message).toContain('POLICY_DESK_PREVIOUS_ENCRYPTION_KEYS');
    expect(error.message).not.toContain('\n');
  });
});

describe('fingerprints', () => {
  it('are stable for a key, differ across keys and values, and do not reveal the value', () => {
    const key = newKey();
    const value = 'console:tariq';
    const fingerprint = createTextSealer(key).fingerprint(value);
    expect(createTextSealer(Buffer.from(key)).fingerprint(value)).toBe(fingerprint);
    expect(createTextSealer(key, [newKey()]).fingerprint(value)).toBe(fingerprint); // previous keys do not change it
    expect(createTextSealer(newKey()).fingerprint(value)).not.toBe(fingerprint);
    expect(createTextSealer(key).fingerprint('console:paul')).not.toBe(fingerprint);
    expect(fingerprint).not.toContain('tariq');
  });
});

describe('parsing the encryption key', () => {
  it('accepts 32 bytes of base64, with the newline openssl prints', () => {
    const key = newKey();
    expect(parseEncryptionKey(`${key.toString('base64')}\n`).equals(key)).toBe(true);
  });

  it.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['31 bytes', randomBytes(31).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['not base64', 'this is my secret password, honestly!!'],
    ['base64 with a stray character', `${randomBytes(32).toString('base64').slice(0, 20)}*${randomBytes(32).toString('base64').slice(21)}`],
    ['hex instead of base64', randomBytes(32).toString('hex')],
    ['empty', ''],
  ])('refuses %s with one line saying how to make a key', (_what, text) => {
    const error = refusal(() => parseEncryptionKey(text));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain('openssl rand -base64 32');
    expect(error.message).toContain('POLICY_DESK_ENCRYPTION_KEY');
    expect(error.message).not.toContain('\n');
    if (text !== '') expect(error.message).not.toContain(text); // never echoes the secret
  });

  it('reads previous keys as a comma-separated list, and names their variable when one is bad', () => {
    const [first, second] = [newKey(), newKey()];
    expect(parsePreviousKeys(undefined)).toEqual([]);
    expect(parsePreviousKeys(' ')).toEqual([]);
    expect(parsePreviousKeys(`${first.toString('base64')},${second.toString('base64')}`)).toEqual([first, second]);
    expect(refusal(() => parsePreviousKeys(`${first.toString('base64')},short`)).message).toContain('POLICY_DESK_PREVIOUS_ENCRYPTION_KEYS');
  });
});

describe('the console’s local key file', () => {
  it('is made on first use, readable by this user alone, and gives the same key after', () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'policy-desk-key-')), 'data', 'policy-desk.key');
    expect(existsSync(keyFile)).toBe(false);
    const key = loadOrCreateKeyFile(keyFile);
    expect(key).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(parseEncryptionKey(readFileSync(keyFile, 'utf8')).equals(key)).toBe(true);
    expect(loadOrCreateKeyFile(keyFile).equals(key)).toBe(true);
    // And what it sealed opens after a "restart".
    expect(createTextSealer(loadOrCreateKeyFile(keyFile)).open(createTextSealer(key).seal('still readable'))).toBe('still readable');
  });

  it('makes a different key in a different folder', () => {
    const keyFile = () => join(mkdtempSync(join(tmpdir(), 'policy-desk-key-')), 'policy-desk.key');
    expect(loadOrCreateKeyFile(keyFile()).equals(loadOrCreateKeyFile(keyFile()))).toBe(false);
  });
});
