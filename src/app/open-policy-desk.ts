import { randomBytes } from 'node:crypto';
import { createPolicyAnswerer } from '../answers/create-policy-answerer.js';
import { dirname, join } from 'node:path';
import { findPackageRoot } from '../config/find-package-root.js';
import { loadOrCreateKeyFile, missingKeyError } from '../crypto/encryption-key.js';
import { createTextSealer, type TextSealer } from '../crypto/text-sealer.js';
import type { Config } from '../config/read-config.js';
import { createConversationCore, type ConversationCore } from '../conversations/create-conversation-core.js';
import { loadRoleDirectories } from '../directory/load-role-directories.js';
import type { RoleDirectory } from '../directory/role-directory.js';
import { loadIntentClassifier } from '../intents/load-intent-classifier.js';
import { loadPolicyLibrary, type PolicyLibrary } from '../policies/load-policy-library.js';
import { openDatabase, type PolicyDeskDatabase } from '../storage/open-database.js';
import { recordUnansweredQuestion } from '../storage/unanswered-questions.js';

export interface PolicyDesk {
  library: PolicyLibrary;
  directories: ReadonlyMap<string, RoleDirectory>;
  database: PolicyDeskDatabase;
  sealer: TextSealer;
  /** Built on first use, with the matcher and intent classifier. */
  core: ConversationCore;
  close(): void;
}

export interface OpenOptions {
  clock?: (() => Date) | undefined;
  logError?: ((error: unknown) => void) | undefined;
  /** Told once per pack that failed its checks; the other councils still serve. */
  onBrokenPack?: ((folder: string, message: string) => void) | undefined;
  /** The local console only: without POLICY_DESK_ENCRYPTION_KEY, use (or make) a key file beside the database. */
  allowLocalKeyFile?: boolean | undefined;
}

export const LOCAL_KEY_FILE = 'policy-desk.key';

/** The sealer for report content: the configured key, or for the console a local key file; otherwise refuse to start. */
export function openSealer(config: Config, allowLocalKeyFile: boolean): TextSealer {
  const key =
    config.encryptionKey ??
    (allowLocalKeyFile && config.databasePath !== ':memory:' ? loadOrCreateKeyFile(join(dirname(config.databasePath), LOCAL_KEY_FILE)) : undefined);
  if (!key) throw missingKeyError();
  return createTextSealer(key, config.previousEncryptionKeys);
}

/** Everything a channel needs, built once from config: packs, role directories, intents, database and the core. */
export function openPolicyDesk(config: Config, options: OpenOptions = {}): PolicyDesk {
  const clock = options.clock ?? (() => new Date());
  const library = loadPolicyLibrary(config.policiesDirectory);
  for (const [folder, error] of library.brokenPacks) options.onBrokenPack?.(folder, error.message);
  const directories = loadRoleDirectories(config.roleDirectoryFolder, library.packs, findPackageRoot());
  const sealer = openSealer(config, options.allowLocalKeyFile ?? false);
  const database = openDatabase(config.databasePath);
  // A chat server whose turns run in a worker never needs the matcher in this thread.
  let core: ConversationCore | undefined;
  const buildCore = (): ConversationCore => {
    const classifier = loadIntentClassifier(config.intentsDirectory);
    return createConversationCore(
      {
        database,
        packs: library.packs,
        answerer: createPolicyAnswerer(library, clock),
        directories,
        bankHolidays: library.bankHolidays,
        classifyIntent: (text) => classifier.classify(text),
        clock,
        sealer,
        reportForm: library.reportForm,
        newToken: () => randomBytes(12).toString('base64url'),
        onUnanswered: (councilId, question, confidence, channel) =>
          recordUnansweredQuestion(database, { councilId, question, confidence, channel, askedAt: clock() }),
      },
      { logError: options.logError },
    );
  };
  return {
    library,
    directories,
    database,
    sealer,
    get core() {
      return (core ??= buildCore());
    },
    close: () => database.close(),
  };
}
