import type { PolicyDesk } from '../app/open-policy-desk.js';
import type { TurnRunner } from '../app/turn-runner.js';
import { deliverOutbox, type Deliverer } from './deliver-outbox.js';

export interface Courier {
  /** Sends whatever the outbox holds now; a call during a run starts one more run after it. */
  deliverNow(): Promise<void>;
  /** Runs due reminders and escalations, then delivers: now, and every `everyMs`. */
  start(): void;
  stop(): Promise<void>;
}

const SCHEDULE_EVERY_MS = 30_000;

/**
 * The one outbox delivery loop of a process, whichever chat platforms it serves: two loops could both send
 * the same pending message. Each message goes by the first platform that has an address for its recipient.
 */
export function createCourier(
  desk: Pick<PolicyDesk, 'database' | 'sealer'>,
  /** Read on every run, so a platform's deliverer can join once its app exists. */
  deliverers: readonly Deliverer[],
  turns: TurnRunner,
  options: { logError: (error: unknown) => void; clock?: (() => Date) | undefined; everyMs?: number | undefined },
): Courier {
  const clock = options.clock ?? (() => new Date());
  let delivering: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const deliverNow = async (): Promise<void> => {
    if (delivering) {
      again = true;
      return delivering;
    }
    delivering = (async () => {
      do {
        again = false;
        await deliverOutbox(desk.database, desk.sealer, deliverers, clock, options.logError);
      } while (again);
    })().finally(() => {
      delivering = undefined;
    });
    return delivering;
  };
  return {
    deliverNow,
    start() {
      const run = () => void turns.runScheduledWork().catch(options.logError).then(deliverNow);
      // At once too: whatever a stopped or crashed process left in the outbox goes now, not a period later.
      run();
      timer = setInterval(run, options.everyMs ?? SCHEDULE_EVERY_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await delivering;
    },
  };
}
