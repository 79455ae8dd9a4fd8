/**
 * The worker thread behind startTurnWorker: opens its own PolicyDesk (its own SQLite connection on the same
 * file) and runs turns one at a time, in the order they were sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/read-config.js';
import { openPolicyDesk } from './open-policy-desk.js';
import type { WorkerReply, WorkerRequest, WorkerSettings } from './turn-worker-protocol.js';
import { describeForWorker } from './turn-worker-protocol.js';

const port = parentPort!;
const settings = workerData as WorkerSettings;
const send = (reply: WorkerReply) => port.postMessage(reply);

try {
  // Buffers arrive as plain Uint8Arrays.
  const config: Config = {
    ...settings.config,
    encryptionKey: settings.config.encryptionKey && Buffer.from(settings.config.encryptionKey),
    previousEncryptionKeys: settings.config.previousEncryptionKeys.map((key) => Buffer.from(key)),
  };
  const desk = openPolicyDesk(config, { allowLocalKeyFile: settings.allowLocalKeyFile, logError: (error) => send({ kind: 'log', error: describeForWorker(error) }) });
  // Built now, so a broken intents file or pack stops start-up rather than the first turn.
  const core = desk.core;
  port.on('message', (request: WorkerRequest) => {
    if (request.kind === 'close') {
      desk.close();
      port.close();
      return;
    }
    try {
      const result = request.kind === 'turn' ? core.handleTurn(request.turn) : core.runScheduledWork();
      send({ kind: 'done', id: request.id, result });
    } catch (error) {
      send({ kind: 'failed', id: request.id, error: describeForWorker(error) });
    }
  });
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'could-not-open', error: describeForWorker(error) });
}
