import type { Readable, Writable } from 'node:stream';
import { openPolicyDesk } from '../app/open-policy-desk.js';
import type { Config } from '../config/read-config.js';
import { requirePack } from '../policies/load-policy-library.js';
import { runConsoleChat } from './run-console-chat.js';

export interface ConsoleStreams {
  input: Readable & { isTTY?: boolean | undefined };
  output: Writable;
  errors: Writable;
}

/** `npm start` without chat credentials, and `policy-desk chat`: the terminal chat on a local SQLite file. */
export async function startConsoleChat(config: Config, streams: ConsoleStreams, clock: () => Date = () => new Date()): Promise<void> {
  const logError = (error: unknown) =>
    streams.errors.write(`policy-desk: internal error: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown'}\n`);
  const desk = openPolicyDesk(config, {
    clock,
    logError,
    allowLocalKeyFile: true,
    onBrokenPack: (folder, message) => streams.errors.write(`policy-desk: pack "${folder}" not loaded: ${message}\n`),
  });
  try {
    if (config.defaultCouncilId !== undefined) requirePack(desk.library, config.defaultCouncilId);
    if (config.usingDemoDirectory) {
      streams.errors.write('policy-desk: using the demo role directory (directory/demo); set POLICY_DESK_DIRECTORY for real people\n');
    }
    await runConsoleChat({
      core: desk.core,
      database: desk.database,
      sealer: desk.sealer,
      packs: desk.library.packs,
      directories: desk.directories,
      councilId: config.defaultCouncilId,
      input: streams.input,
      output: streams.output,
      clock,
      interactive: streams.input.isTTY === true,
      logError,
    });
  } finally {
    desk.close();
  }
}
