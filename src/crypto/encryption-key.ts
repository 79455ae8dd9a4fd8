import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PolicyDeskError } from '../errors.js';

export const ENCRYPTION_KEY_VARIABLE = 'POLICY_DESK_ENCRYPTION_KEY';
export const PREVIOUS_KEYS_VARIABLE = 'POLICY_DESK_PREVIOUS_ENCRYPTION_KEYS';
const HOW_TO_MAKE_ONE = 'make one with: openssl rand -base64 32';

/** A key given as base64 of exactly 32 bytes; anything else is refused with how to make a good one. */
export function parseEncryptionKey(text: string, variable = ENCRYPTION_KEY_VARIABLE): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== 32) {
    throw new PolicyDeskError('INVALID_CONFIG', `${variable} must be 32 random bytes in base64; ${HOW_TO_MAKE_ONE}`);
  }
  return key;
}

/** Keys retired by a rotation, comma-separated: they still open old text until `reports rekey` has re-sealed it. */
export function parsePreviousKeys(text: string | undefined): Buffer[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((part) => parseEncryptionKey(part, PREVIOUS_KEYS_VARIABLE));
}

export function missingKeyError(): PolicyDeskError {
  return new PolicyDeskError('INVALID_CONFIG', `${ENCRYPTION_KEY_VARIABLE} is not set: reports are encrypted at rest; ${HOW_TO_MAKE_ONE}`);
}

/** For the local console only: a key kept beside the database (readable by this user alone), made on first run. */
export function loadOrCreateKeyFile(keyFile: string): Buffer {
  if (existsSync(keyFile)) return parseEncryptionKey(readFileSync(keyFile, 'utf8'), keyFile);
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  return key;
}
