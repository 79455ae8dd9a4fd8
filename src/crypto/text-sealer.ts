import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { PolicyDeskError } from '../errors.js';

/**
 * Encrypts confidential text for storage (AES-256-GCM, a fresh 96-bit IV each time). Sealed text names the
 * key it was sealed with, so old keys can still open it while a rotation is under way.
 */
export interface TextSealer {
  seal(plain: string): string;
  open(sealed: string): string;
  /** A keyed fingerprint, to find rows by a value (a reporter's chat id) without storing the value. */
  fingerprint(value: string): string;
  /** Whether this text was sealed with the current key (rotation re-seals the rest). */
  isCurrent(sealed: string): boolean;
}

const FORMAT = 'pd1';
const KEY_BYTES = 32;
const IV_BYTES = 12;

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('policy-desk key id\0').update(key).digest('hex').slice(0, 8);
}

/** `key` seals; `previousKeys` only open, for text sealed before the key was rotated. */
export function createTextSealer(key: Buffer, previousKeys: readonly Buffer[] = []): TextSealer {
  for (const candidate of [key, ...previousKeys]) {
    if (candidate.length !== KEY_BYTES) throw new PolicyDeskError('INVALID_CONFIG', 'an encryption key must be 32 bytes');
  }
  const keysById = new Map([key, ...previousKeys].map((candidate) => [keyIdOf(candidate), candidate]));
  const currentId = keyIdOf(key);
  const fingerprintKey = createHmac('sha256', key).update('policy-desk fingerprint').digest();
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(`${FORMAT}.${currentId}`));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [FORMAT, currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [format, keyId, iv, tag, body, ...rest] = sealed.split('.');
      if (format !== FORMAT || keyId === undefined || iv === undefined || tag === undefined || body === undefined || rest.length > 0) {
        throw new PolicyDeskError('INVALID_CONFIG', 'stored confidential text is not in a format Policy Desk can read');
      }
      const sealingKey = keysById.get(keyId);
      if (!sealingKey) {
        throw new PolicyDeskError('INVALID_CONFIG', `confidential text was sealed with key ${keyId}, which is not configured (see POLICY_DESK_PREVIOUS_ENCRYPTION_KEYS)`);
      }
      const decipher = createDecipheriv('aes-256-gcm', sealingKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${FORMAT}.${keyId}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new PolicyDeskError('INVALID_CONFIG', 'stored confidential text failed its integrity check (wrong key, or the database was altered)');
      }
    },
    fingerprint: (value) => createHmac('sha256', fingerprintKey).update(value).digest('base64url'),
    isCurrent: (sealed) => sealed.startsWith(`${FORMAT}.${currentId}.`),
  };
}
