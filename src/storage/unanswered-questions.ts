import type { PolicyDeskDatabase } from './open-database.js';

export interface UnansweredQuestion {
  councilId: string;
  question: string;
  askerRole?: 'employee' | 'member' | undefined;
  confidence: number;
  channel: string;
  askedAt: Date;
}

export function recordUnansweredQuestion(database: PolicyDeskDatabase, entry: UnansweredQuestion): void {
  database
    .prepare(
      `INSERT INTO unanswered_questions (council_id, question, asker_role, confidence, channel, asked_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(
      entry.councilId,
      entry.question,
      entry.askerRole ?? null,
      Math.min(1, Math.max(0, entry.confidence)),
      entry.channel,
      entry.askedAt.toISOString(),
    );
}

interface UnansweredRow {
  council_id: string;
  question: string;
  asker_role: 'employee' | 'member' | null;
  confidence: number;
  channel: string;
  asked_at: string;
}

/** Newest first, optionally for one council. */
export function listUnansweredQuestions(
  database: PolicyDeskDatabase,
  councilId?: string,
  limit = 100,
): UnansweredQuestion[] {
  const rows = (
    councilId
      ? database
          .prepare('SELECT * FROM unanswered_questions WHERE council_id = ? ORDER BY asked_at DESC, id DESC LIMIT ?')
          .all(councilId, limit)
      : database.prepare('SELECT * FROM unanswered_questions ORDER BY asked_at DESC, id DESC LIMIT ?').all(limit)
  ) as UnansweredRow[];
  return rows.map((row) => ({
    councilId: row.council_id,
    question: row.question,
    askerRole: row.asker_role ?? undefined,
    confidence: row.confidence,
    channel: row.channel,
    askedAt: new Date(row.asked_at),
  }));
}
