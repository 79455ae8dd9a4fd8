import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { ENCRYPTION_KEY_VARIABLE, parseEncryptionKey, parsePreviousKeys, PREVIOUS_KEYS_VARIABLE } from '../crypto/encryption-key.js';
import { PolicyDeskError } from '../errors.js';
import { findPackageRoot } from './find-package-root.js';

export interface Config {
  policiesDirectory: string;
  databasePath: string;
  /** Folder of role directories, one <council>.yaml each; the demo people when unset. */
  roleDirectoryFolder: string;
  usingDemoDirectory: boolean;
  intentsDirectory: string;
  /** The council a chat serves when nothing else says which. */
  defaultCouncilId?: string | undefined;
  /** Seals reports at rest; a chat server will not start without it (the console makes its own). */
  encryptionKey?: Buffer | undefined;
  /** Keys from before a rotation, still able to open what they sealed. */
  previousEncryptionKeys: Buffer[];
}

const environmentSchema = z.object({
  POLICY_DESK_POLICIES: z.string().trim().min(1).optional(),
  POLICY_DESK_DB: z.string().trim().min(1).optional(),
  POLICY_DESK_DIRECTORY: z.string().trim().min(1).optional(),
  POLICY_DESK_COUNCIL: z.string().trim().min(1).optional(),
  [ENCRYPTION_KEY_VARIABLE]: z.string().trim().min(1).optional(),
  [PREVIOUS_KEYS_VARIABLE]: z.string().optional(),
});

/** Read once at start-up, from the environment passed in; paths may be relative to the working directory. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, workingDirectory = process.cwd()): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PolicyDeskError('INVALID_CONFIG', `${issue.path.join('.')} must not be empty: unset it or give a value`);
  }
  const root = findPackageRoot();
  const fromWorkingDirectory = (path: string) => (isAbsolute(path) ? path : resolve(workingDirectory, path));
  return {
    policiesDirectory: parsed.data.POLICY_DESK_POLICIES
      ? fromWorkingDirectory(parsed.data.POLICY_DESK_POLICIES)
      : join(root, 'policies'),
    databasePath: parsed.data.POLICY_DESK_DB
      ? fromWorkingDirectory(parsed.data.POLICY_DESK_DB)
      : join(root, 'data', 'policy-desk.sqlite'),
    roleDirectoryFolder: parsed.data.POLICY_DESK_DIRECTORY
      ? fromWorkingDirectory(parsed.data.POLICY_DESK_DIRECTORY)
      : join(root, 'directory', 'demo'),
    usingDemoDirectory: parsed.data.POLICY_DESK_DIRECTORY === undefined,
    intentsDirectory: join(root, 'intents'),
    defaultCouncilId: parsed.data.POLICY_DESK_COUNCIL,
    encryptionKey: parsed.data[ENCRYPTION_KEY_VARIABLE] === undefined ? undefined : parseEncryptionKey(parsed.data[ENCRYPTION_KEY_VARIABLE]),
    previousEncryptionKeys: parsePreviousKeys(parsed.data[PREVIOUS_KEYS_VARIABLE]),
  };
}
