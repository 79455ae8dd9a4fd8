import type { Config } from '../config/read-config.js';
import type { Turn, TurnResult } from '../conversations/turn.js';
import { PolicyDeskError, type PolicyDeskErrorCode } from '../errors.js';

export interface WorkerSettings {
  config: Config;
  allowLocalKeyFile: boolean;
}

export type WorkerRequest = { kind: 'turn'; id: number; turn: Turn } | { kind: 'scheduled'; id: number } | { kind: 'close' };

/** An error as it crosses threads: its kind and message only, as the logs take it. */
export interface WorkerError {
  name: string;
  message: string;
  code?: string | undefined;
}

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'could-not-open'; error: WorkerError }
  | { kind: 'done'; id: number; result: TurnResult | number }
  | { kind: 'failed'; id: number; error: WorkerError }
  | { kind: 'log'; error: WorkerError };

export function describeForWorker(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { name: 'Error', message: 'error' };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, code: typeof code === 'string' ? code : undefined };
}

/** Back into an Error on this side; a PolicyDeskError stays one, so start-up still fails with one line. */
export function errorFromWorker(error: WorkerError): Error {
  if (error.name === 'PolicyDeskError' && error.code !== undefined) return new PolicyDeskError(error.code as PolicyDeskErrorCode, error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.code !== undefined) Object.assign(rebuilt, { code: error.code });
  return rebuilt;
}
