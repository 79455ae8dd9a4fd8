-- 👍 / 👎 on answers: which clause was given for which council, and whether it helped. The question is not kept.
CREATE TABLE answer_feedback (
  id          INTEGER PRIMARY KEY,
  council_id  TEXT NOT NULL,
  clause_id   TEXT,                       -- NULL when the answer declined
  helpful     INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  channel     TEXT NOT NULL,
  at          TEXT NOT NULL
);
CREATE INDEX answer_feedback_by_clause ON answer_feedback (council_id, clause_id);

-- Slack events already handled, by event_id: a retried delivery has exactly one effect.
CREATE TABLE seen_events (
  event_id  TEXT PRIMARY KEY,
  seen_at   TEXT NOT NULL
);
CREATE INDEX seen_events_by_time ON seen_events (seen_at);
