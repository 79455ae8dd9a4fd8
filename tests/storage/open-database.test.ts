import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, openDatabase } from '../../src/storage/open-database.js';
import { listUnansweredQuestions, recordUnansweredQuestion } from '../../src/storage/unanswered-questions.js';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { listDecisions, recordDecision } from '../../src/storage/approval-decisions.js';
import { appendAudit, listAudit } from '../../src/storage/audit-log.js';

const databasePath = () => join(mkdtempSync(join(tmpdir(), 'policy-desk-db-')), 'nested', 'policy-desk.sqlite');

describe('the SQLite database', () => {
  it('creates its folder and applies every migration once, even when opened again', () => {
    const path = databasePath();
    openDatabase(path).close();
    const reopened = openDatabase(path);
    expect(applyMigrations(reopened, join(findPackageRoot(), 'db'))).toEqual([]);
    const versions = reopened.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    const files = readdirSync(join(findPackageRoot(), 'db')).filter((file) => /^\d{3}_.*\.sql$/.test(file));
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(versions).toEqual(files.map((file) => ({ version: Number(file.slice(0, 3)) })).sort((left, right) => left.version - right.version));
    reopened.close();
  });

  it('keeps the audit log append-only: updates and deletes are refused by the database itself', () => {
    const database = openDatabase(databasePath());
    appendAudit(database, { at: '2026-11-23T09:00:00Z', actorKey: 'console:robin', actorName: 'Robin', channel: 'console', action: 'submitted', requestId: 'BC-2026-0001' });
    expect(() => database.prepare("UPDATE audit_log SET action = 'approved'").run()).toThrow(/append-only/);
    expect(() => database.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(listAudit(database).map((entry) => entry.action)).toEqual(['submitted']);
    database.close();
  });

  it('records one decision per role and per person in a stage, however often it is attempted', () => {
    const database = openDatabase(databasePath());
    database.prepare(
      `INSERT INTO account_requests (id, council_id, requester_key, requester_name, requester_channel, status, progress, created_at, updated_at)
       VALUES ('BC-2026-0001', 'dacorum', 'console:robin', 'Robin', 'console', 'in-review', '{}', 'now', 'now')`,
    ).run();
    const decision = (deciderKey: string, roleId: string) => ({
      requestId: 'BC-2026-0001', round: 1, stageIndex: 1, roleId, outcome: 'approved' as const, decidedAt: '2026-11-23T09:00:00Z',
      decider: { key: deciderKey, name: deciderKey, channel: 'console' as const },
    });
    expect(recordDecision(database, decision('console:priya', 'communications-team-leader'))).toBe(true);
    expect(recordDecision(database, decision('console:priya', 'communications-team-leader'))).toBe(false);
    expect(recordDecision(database, decision('console:tom', 'communications-team-leader'))).toBe(false);
    expect(recordDecision(database, decision('console:priya', 'group-manager-people'))).toBe(false);
    expect(recordDecision(database, decision('console:fiona', 'group-manager-people'))).toBe(true);
    expect(listDecisions(database, 'BC-2026-0001').map((made) => made.decider.key)).toEqual(['console:priya', 'console:fiona']);
    database.close();
  });

  it('keeps unanswered questions across a restart, newest first, per council', () => {
    const path = databasePath();
    const first = openDatabase(path);
    recordUnansweredQuestion(first, { councilId: 'dacorum', question: 'wifi password?', confidence: 0.12, channel: 'cli', askedAt: new Date('2026-11-01T10:00:00Z') });
    recordUnansweredQuestion(first, { councilId: 'dacorum', question: 'annual leave?', askerRole: 'employee', confidence: 0.2, channel: 'console', askedAt: new Date('2026-11-02T10:00:00Z') });
    recordUnansweredQuestion(first, { councilId: 'cannock', question: 'parking permit?', confidence: 0.1, channel: 'cli', askedAt: new Date('2026-11-03T10:00:00Z') });
    first.close();

    const second = openDatabase(path);
    expect(listUnansweredQuestions(second, 'dacorum').map((entry) => [entry.question, entry.askerRole])).toEqual([
      ['annual leave?', 'employee'],
      ['wifi password?', undefined],
    ]);
    expect(listUnansweredQuestions(second).map((entry) => entry.councilId)).toEqual(['cannock', 'dacorum', 'dacorum']);
    second.close();
  });

  it('refuses a role the schema does not know', () => {
    const database = openDatabase(databasePath());
    expect(() =>
      database.prepare("INSERT INTO unanswered_questions (council_id, question, asker_role, confidence, channel, asked_at) VALUES ('x', 'q', 'mayor', 0.1, 'cli', 'now')").run(),
    ).toThrow(/CHECK constraint failed/);
    database.close();
  });
});
