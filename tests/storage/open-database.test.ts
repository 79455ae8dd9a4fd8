import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, openDatabase } from '../../src/storage/open-database.js';
import { listUnansweredQuestions, recordUnansweredQuestion } from '../../src/storage/unanswered-questions.js';
import { findPackageRoot } from '../../src/config/find-package-root.js';

const databasePath = () => join(mkdtempSync(join(tmpdir(), 'policy-desk-db-')), 'nested', 'policy-desk.sqlite');

describe('the SQLite database', () => {
  it('creates its folder and applies every migration once, even when opened again', () => {
    const path = databasePath();
    openDatabase(path).close();
    const reopened = openDatabase(path);
    expect(applyMigrations(reopened, join(findPackageRoot(), 'db'))).toEqual([]);
    const versions = reopened.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual([{ version: 1 }]);
    reopened.close();
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
