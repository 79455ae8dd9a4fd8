import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/read-config.js';
import { findPackageRoot } from '../config/find-package-root.js';
import type { TurnResult } from '../conversations/turn.js';
import type { TurnRunner } from './turn-runner.js';
import { errorFromWorker, type WorkerReply, type WorkerRequest, type WorkerSettings } from './turn-worker-protocol.js';

export interface TurnWorkerOptions {
  logError: (error: unknown) => void;
  allowLocalKeyFile?: boolean | undefined;
}

interface Pending {
  resolve: (result: TurnResult | number) => void;
  reject: (error: Error) => void;
}

// The compiled worker: tests run from src/ but build first, as npm test does.
const WORKER_FILE = join(findPackageRoot(), 'dist', 'src', 'app', 'turn-worker.js');

/**
 * Runs turns in a worker thread with its own SQLite connection, so the chat server's event loop only
 * acknowledges, renders and sends. If the worker dies, the turns it held fail (each rolled back by SQLite,
 * so nothing half-done is kept), and the next turn starts a new worker.
 */
export async function startTurnWorker(config: Config, options: TurnWorkerOptions): Promise<TurnRunner> {
  const settings: WorkerSettings = { config, allowLocalKeyFile: options.allowLocalKeyFile ?? false };
  let nextId = 0;
  let closing = false;
  let current = spawn();
  await current;
  const respawn = () => {
    current = spawn();
    // Nobody may be waiting when a new worker fails to start; the next turn hears of it.
    current.catch((error: unknown) => options.logError(error));
  };

  function spawn(): Promise<{ worker: Worker; pending: Map<number, Pending> }> {
    const worker = new Worker(WORKER_FILE, { workerData: settings });
    const pending = new Map<number, Pending>();
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'ready') {
          ready = true;
          resolve({ worker, pending });
        } else if (reply.kind === 'could-not-open') {
          reject(errorFromWorker(reply.error));
          void worker.terminate();
        } else if (reply.kind === 'log') {
          options.logError(errorFromWorker(reply.error));
        } else {
          const waiting = pending.get(reply.id);
          pending.delete(reply.id);
          if (reply.kind === 'done') waiting?.resolve(reply.result);
          else waiting?.reject(errorFromWorker(reply.error));
        }
      });
      worker.on('error', (error) => options.logError(error));
      worker.on('exit', () => {
        if (!ready) reject(new Error('The conversation worker stopped while starting'));
        for (const waiting of pending.values()) waiting.reject(new Error('The conversation worker stopped'));
        pending.clear();
        if (!closing && ready) respawn();
      });
    });
  }

  const ask = async (request: (id: number) => WorkerRequest): Promise<TurnResult | number> => {
    const { worker, pending } = await current;
    const id = (nextId += 1);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage(request(id));
    });
  };

  return {
    handleTurn: async (turn) => (await ask((id) => ({ kind: 'turn', id, turn }))) as TurnResult,
    runScheduledWork: async () => (await ask((id) => ({ kind: 'scheduled', id }))) as number,
    async close() {
      closing = true;
      const { worker } = await current;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ kind: 'close' } satisfies WorkerRequest);
      await exited;
    },
  };
}
