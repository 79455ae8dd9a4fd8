/**
 * npm run bench:slack: signed events through the real HTTP receiver, end to end to a stand-in Web API, for
 * Policy Desk and, in the same run, a bare Bolt app that answers every event with a fixed text.
 * Throughput is events fully answered per second; acknowledgement is the HTTP response time Slack would see.
 * Each app runs in its own process, as in production; this process plays Slack (the sender and the Web API).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { FakeSlackApi } from '../tests/support/fake-slack-api.js';
import { directMessage, sendToSlackApp } from '../tests/support/signed-slack-request.js';

import { BENCH_SIGNING_SECRET as SECRET } from './serve-slack-bench-app.js';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const CONCURRENCY = 50;
const QUESTIONS = ['can I post photos of residents?', 'can i tweet about the election', 'can I be facebook friends with a client?', 'who do i tell if i posted something by mistake'];
// Demo directory people, so no users.info lookups muddle the timing.
const USERS = Array.from({ length: 17 }, (_, index) => `U0DEMO${String(index + 1).padStart(4, '0')}`);

interface Result {
  name: string;
  throughput: number;
  ackMedian: number;
  ackP99: number;
}

async function run(name: string, api: FakeSlackApi, port: number, runId: string): Promise<Result> {
  const acks: number[] = [];
  const before = api.callsTo('chat.postMessage').length;
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < EVENTS) {
      const index = next++;
      const user = USERS[index % USERS.length]!;
      const sent = performance.now();
      const response = await sendToSlackApp(port, directMessage(user, QUESTIONS[index % QUESTIONS.length]!, `Ev${runId}${index}`), { secret: SECRET });
      acks.push(performance.now() - sent);
      if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await api.waitFor(() => api.callsTo('chat.postMessage').length - before >= EVENTS, 120_000);
  const seconds = (performance.now() - started) / 1000;
  acks.sort((left, right) => left - right);
  return { name, throughput: EVENTS / seconds, ackMedian: acks[Math.floor(acks.length / 2)]!, ackP99: acks[Math.floor(acks.length * 0.99)]! };
}

/** Starts an app under test in its own process and resolves with its port. */
function startApp(kind: 'bare' | 'desk', api: FakeSlackApi): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'serve-slack-bench-app.js'), kind, api.apiUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve({ port: Number(chunk.toString().trim()), stop: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`${kind} app exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const bareApi = new FakeSlackApi();
  const deskApi = new FakeSlackApi();
  await Promise.all([bareApi.start(), deskApi.start()]);
  const bare = await startApp('bare', bareApi);
  const policyDesk = await startApp('desk', deskApi);

  // A short warm-up of each, then the measured runs, alternated so neither gets a warmer machine.
  await run('warm-up', bareApi, bare.port, 'w1');
  await run('warm-up', deskApi, policyDesk.port, 'w2');
  const results = [await run('bare Bolt app (fixed text)', bareApi, bare.port, 'a'), await run('Policy Desk (policy answers)', deskApi, policyDesk.port, 'b')];
  for (const result of results) {
    process.stdout.write(`${result.name.padEnd(30)} ${EVENTS} events, ${CONCURRENCY} at once: ${result.throughput.toFixed(0).padStart(5)} events/s  ack median ${result.ackMedian.toFixed(1)} ms  p99 ${result.ackP99.toFixed(1)} ms\n`);
  }
  process.stdout.write(`Policy Desk throughput: ${((results[1]!.throughput / results[0]!.throughput) * 100).toFixed(0)}% of the bare app's\n`);
  policyDesk.stop();
  bare.stop();
  await Promise.all([bareApi.stop(), deskApi.stop()]);
}

void main();
