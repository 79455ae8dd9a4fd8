-- Questions Policy Desk declined to answer, kept for the communications team to review:
-- each one is a gap in the policy or in the pack's example questions.
CREATE TABLE unanswered_questions (
  id          INTEGER PRIMARY KEY,
  council_id  TEXT    NOT NULL,
  question    TEXT    NOT NULL,
  asker_role  TEXT    CHECK (asker_role IN ('employee', 'member')),
  confidence  REAL    NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  channel     TEXT    NOT NULL,
  asked_at    TEXT    NOT NULL
);

CREATE INDEX unanswered_questions_by_council ON unanswered_questions (council_id, asked_at);
