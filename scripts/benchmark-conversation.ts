/**
 * npm run bench (second part): the time one conversation turn takes through the core on a real SQLite file,
 * outbox writes and audit included: a policy question, a form answer, an approval, and a report (sealed) from
 * answer to filing to an officer opening it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPolicyDesk } from '../src/app/open-policy-desk.js';
import { readConfig } from '../src/config/read-config.js';
import type { TurnInput } from '../src/conversations/turn.js';

const desk = openPolicyDesk({ ...readConfig({}), databasePath: join(mkdtempSync(join(tmpdir(), 'policy-desk-bench-')), 'bench.sqlite') }, { allowLocalKeyFile: true });
const robin = { key: 'console:robin', name: 'Robin Ashdown', personId: 'robin', channel: 'console' as const };
const turn = (input: TurnInput, participant = robin) => desk.core.handleTurn({ participant, councilId: 'dacorum', input });

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}
function report(label: string, times: number[]) {
  const sorted = [...times].sort((left, right) => left - right);
  process.stdout.write(`${label.padEnd(34)} n=${String(sorted.length).padStart(4)}  median ${percentile(sorted, 0.5).toFixed(2)} ms  p99 ${percentile(sorted, 0.99).toFixed(2)} ms\n`);
}
function time(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

const questions = ['can I post photos of residents?', 'can i tweet about the election', 'can I be facebook friends with a client?', 'what is the wifi password'];
const questionTimes = Array.from({ length: 400 }, (_, index) => time(() => turn({ kind: 'text', text: questions[index % questions.length]! })));
report('policy question turn', questionTimes);

const formTimes: number[] = [];
const approvalTimes: number[] = [];
for (let round = 0; round < 40; round += 1) {
  turn({ kind: 'text', text: 'we want an instagram account for the countryside service' });
  const answers = ['countryside', 'instagram', 'Dacorum Countryside', 'Residents ask about walks and wardens every week.', 'Walkers around Tring, about 20,000 people.', 'Walk routes and closures, weekly.', 'Sam Jones', 'Alex Green', 'Twice a day on the rota.', 'Posters and newsletters.', '1500', 'Two rangers with community experience.', 'Noticeboards and partners.', 'yes', '24', 'We follow the moderation guidance.', 'yes'];
  for (const answer of answers) formTimes.push(time(() => turn({ kind: 'text', text: answer })));
  const summary = turn({ kind: 'text', text: 'submit' });
  if (!summary.replies[0]?.summary.startsWith('Submitted')) throw new Error('bench: the form did not submit');
  const request = desk.database.prepare("SELECT id FROM account_requests WHERE status = 'in-review' ORDER BY id DESC LIMIT 1").get() as { id: string };
  const token = desk.database
    .prepare("SELECT token FROM issued_actions WHERE action_id = 'policy_desk.approve' AND payload LIKE ? ORDER BY rowid DESC LIMIT 1")
    .get(`%${request.id}%`) as { token: string };
  approvalTimes.push(
    time(() => turn({ kind: 'button', actionId: 'policy_desk.approve', value: token.token }, { key: 'console:helen', name: 'Helen Carter', personId: 'helen', channel: 'console' })),
  );
}
const decided = (desk.database.prepare('SELECT COUNT(*) AS decided FROM approval_decisions').get() as { decided: number }).decided;
if (decided !== approvalTimes.length) throw new Error(`bench: ${decided} of ${approvalTimes.length} approvals were recorded`);
report('business-case form answer turn', formTimes);
report('approval button turn', approvalTimes);

// Reports: every answer is sealed (AES-256-GCM) and the state re-sealed each turn.
const reportAnswerTimes: number[] = [];
const fileTimes: number[] = [];
const openTimes: number[] = [];
const kwame = { key: 'console:kwame', name: 'Kwame Mensah', personId: 'kwame', channel: 'console' as const };
for (let round = 0; round < 40; round += 1) {
  turn({ kind: 'text', text: 'I need to report something' });
  for (const answer of ['I posted something by mistake', 'It can wait a few days', 'Facebook', 'skip', 'this morning', 'I posted the wrong date for the countryside open day.', 'skip', 'skip', 'no']) {
    reportAnswerTimes.push(time(() => turn({ kind: 'text', text: answer })));
  }
  const send = desk.database.prepare("SELECT token FROM issued_actions WHERE action_id = 'policy_desk.report_submit' ORDER BY rowid DESC LIMIT 1").get() as { token: string };
  fileTimes.push(time(() => turn({ kind: 'button', actionId: 'policy_desk.report_submit', value: send.token })));
  const open = desk.database.prepare("SELECT token FROM issued_actions WHERE action_id = 'policy_desk.case_open' ORDER BY rowid DESC LIMIT 1").get() as { token: string };
  const opened = time(() => {
    const { replies } = turn({ kind: 'button', actionId: 'policy_desk.case_open', value: open.token }, kwame);
    if (!JSON.stringify(replies).includes('countryside open day')) throw new Error('bench: the line manager could not open the report');
  });
  openTimes.push(opened);
}
report('report answer turn (sealed)', reportAnswerTimes);
report('report filing turn', fileTimes);
report('officer opens a case', openTimes);
desk.close();
