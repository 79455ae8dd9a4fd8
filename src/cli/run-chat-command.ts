import { isAbsolute, resolve } from 'node:path';
import type { Config } from '../config/read-config.js';
import { startConsoleChat, type ConsoleStreams } from '../console/start-console-chat.js';
import { parseCommandArguments, requireOption } from './parse-command-arguments.js';

const USAGE = 'usage: policy-desk chat --council <id> [--db <file>]';

/** policy-desk chat --council <id> [--db <file>]: the console chat, scriptable through stdin. */
export async function runChatCommand(args: readonly string[], config: Config, streams: ConsoleStreams): Promise<number> {
  const parsed = parseCommandArguments(args, { council: { type: 'string' }, db: { type: 'string' } }, USAGE);
  const councilId = requireOption(parsed, 'council', USAGE);
  const database = typeof parsed.options.db === 'string' && parsed.options.db.trim() !== '' ? parsed.options.db.trim() : undefined;
  await startConsoleChat(
    {
      ...config,
      defaultCouncilId: councilId,
      databasePath: database === undefined ? config.databasePath : isAbsolute(database) ? database : resolve(database),
    },
    streams,
  );
  return 0;
}
