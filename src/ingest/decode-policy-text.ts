import { PolicyDeskError } from '../errors.js';

/**
 * The bytes of a policy file as text, or a FILE_UNREADABLE error when they are not a plain-text
 * document: empty, or binary (NUL bytes, not UTF-8, or mostly control characters). Line endings
 * become "\n" and a byte-order mark is dropped, so the cutter sees one kind of line.
 */
export function decodePolicyText(bytes: Uint8Array, displayName: string): string {
  const unreadable = (why: string) => new PolicyDeskError('FILE_UNREADABLE', `${displayName}: ${why}`);
  if (bytes.includes(0)) throw unreadable('is a binary file, not plain text (save the policy as .txt)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable('is not UTF-8 plain text (save the policy as .txt, UTF-8)');
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw unreadable('is empty');
  const controls = text.match(/[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > text.length / 100) throw unreadable('is a binary file, not plain text (save the policy as .txt)');
  return text;
}
