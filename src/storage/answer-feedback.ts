import type { PolicyDeskDatabase } from './open-database.js';

export interface AnswerFeedback {
  /** The answer voted on: a second vote on it replaces the first. */
  answerId?: string | undefined;
  councilId: string;
  clauseId?: string | undefined;
  helpful: boolean;
  channel: string;
  at: string;
}

export function recordAnswerFeedback(database: PolicyDeskDatabase, feedback: AnswerFeedback): void {
  database
    .prepare(
      `INSERT INTO answer_feedback (answer_id, council_id, clause_id, helpful, channel, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (answer_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
    )
    .run(feedback.answerId ?? null, feedback.councilId, feedback.clauseId ?? null, feedback.helpful ? 1 : 0, feedback.channel, feedback.at);
}

/** Per clause: how often its answer was marked helpful and not helpful, least helpful first. */
export function summariseAnswerFeedback(database: PolicyDeskDatabase, councilId?: string): { councilId: string; clauseId: string | null; helpful: number; notHelpful: number }[] {
  return database
    .prepare(
      `SELECT council_id AS councilId, clause_id AS clauseId, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful
       FROM answer_feedback WHERE (? IS NULL OR council_id = ?) GROUP BY council_id, clause_id ORDER BY notHelpful DESC, helpful`,
    )
    .all(councilId ?? null, councilId ?? null) as { councilId: string; clauseId: string | null; helpful: number; notHelpful: number }[];
}
