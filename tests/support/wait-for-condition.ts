/**
 * Waits until `condition` holds, checking again whenever a wakeup is called (a stand-in server wakes it after
 * every request) and at least every 50 ms; fails with `what` after the timeout.
 */
export async function waitForCondition(condition: () => boolean, wakeups: (() => void)[], what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      wakeups.push(resolve);
      setTimeout(resolve, 50);
    });
  }
}
