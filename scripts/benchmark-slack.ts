/**
 * npm run bench:slack: signed events through the real HTTP receiver, end to end to a stand-in Web API, for
 * Policy Desk and, in the same run, a bare Bolt app that answers every event with a fixed text.
 * Throughput is events fully answered per second; acknowledgement is the HTTP response time Slack would see.
 * Each app, and each app's stand-in Web API, runs in its own process, as in production; this process sends the events.
 */
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { findPackageRoot } from '../src/config/find-package-root.js';
import { loadQuestionSets } from '../src/evaluation/question-set.js';
import { directMessage, slackSignature } from '../tests/support/signed-slack-request.js';

import { BENCH_SIGNING_SECRET as SECRET } from './serve-slack-bench-app.js';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const CONCURRENCY = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// Dacorum's labelled dev questions, as staff type them (covered and not), taken in turn.
const QUESTIONS = loadQuestionSets(join(findPackageRoot(), 'tests', 'questions'), ['dev'])
  .filter((question) => question.councilId === 'dacorum')
  .map((question) => question.question);
// Demo directory people, so no users.info lookups muddle the timing.
const USERS = Array.from({ length: 17 }, (_, index) => `U0DEMO${String(index + 1).padStart(4, '0')}`);

interface Result {
  name: string;
  throughput: number;
  ackMedian: number;
  ackP99: number;
}

async function run(name: string, apiPort: number, port: number, runId: string): Promise<Result> {
  const acks: number[] = [];
  const before = await postedCount(apiPort);
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < EVENTS) {
      const index = next++;
      const user = USERS[index % USERS.length]!;
      const sent = performance.now();
      const status = await sendSigned(port, directMessage(user, QUESTIONS[index % QUESTIONS.length]!, `Ev${runId}${index}`).body);
      acks.push(performance.now() - sent);
      if (status !== 200) throw new Error(`${name}: HTTP ${status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await waitForPosts(apiPort, before + EVENTS);
  const seconds = (performance.now() - started) / 1000;
  acks.sort((left, right) => left - right);
  return { name, throughput: EVENTS / seconds, ackMedian: acks[Math.floor(acks.length / 2)]!, ackP99: acks[Math.floor(acks.length * 0.99)]! };
}

// Kept-alive connections and node:http, as light a sender as can be: Slack's own senders do not share this machine.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function sendSigned(port: number, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': timestamp, 'x-slack-signature': slackSignature(SECRET, timestamp, body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Starts a script from this folder in its own process and resolves with the port it prints. */
function startProcess(script: string, args: string[]): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve({ port: Number(chunk.toString().trim()), stop: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** How many messages a stand-in API has been sent. */
async function postedCount(apiPort: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${apiPort}/count/chat.postMessage`);
  return ((await response.json()) as { count: number }).count;
}

async function waitForPosts(apiPort: number, count: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await postedCount(apiPort)) < count) {
    if (Date.now() > deadline) throw new Error('bench: replies did not all arrive');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function main(): Promise<void> {
  const bareApi = await startProcess('serve-fake-slack-api.js', []);
  const deskApi = await startProcess('serve-fake-slack-api.js', []);
  const bare = await startProcess('serve-slack-bench-app.js', ['bare', `http://127.0.0.1:${bareApi.port}/api/`]);
  const policyDesk = await startProcess('serve-slack-bench-app.js', ['desk', `http://127.0.0.1:${deskApi.port}/api/`]);

  // A short warm-up of each, then rounds taking turns, so a busy moment on the machine does not favour one app.
  await run('warm-up', bareApi.port, bare.port, 'w1');
  await run('warm-up', deskApi.port, policyDesk.port, 'w2');
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const bareResult = await run('bare Bolt app (fixed text)', bareApi.port, bare.port, `a${round}`);
    const deskResult = await run('Policy Desk (policy answers)', deskApi.port, policyDesk.port, `b${round}`);
    for (const result of [bareResult, deskResult]) {
      process.stdout.write(`round ${round}  ${result.name.padEnd(30)} ${result.throughput.toFixed(0).padStart(5)} events/s  ack median ${result.ackMedian.toFixed(1).padStart(5)} ms  p99 ${result.ackP99.toFixed(1).padStart(5)} ms\n`);
    }
    ratios.push(deskResult.throughput / bareResult.throughput);
  }
  ratios.sort((left, right) => left - right);
  process.stdout.write(`${EVENTS} events a round, ${CONCURRENCY} at once; questions: ${QUESTIONS.length} different ones from Dacorum's dev set, in turn\n`);
  process.stdout.write(`Policy Desk throughput: ${ratios.map((ratio) => `${(ratio * 100).toFixed(0)}%`).join(', ')} of the bare app's (median ${(ratios[Math.floor(ratios.length / 2)]! * 100).toFixed(0)}%)\n`);
  for (const child of [policyDesk, bare, deskApi, bareApi]) child.stop();
}

void main();
