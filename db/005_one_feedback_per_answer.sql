-- 👍 / 👎 count once per answer: pressing again, or pressing the other one, changes that answer's vote.
ALTER TABLE answer_feedback ADD COLUMN answer_id TEXT;
CREATE UNIQUE INDEX answer_feedback_by_answer ON answer_feedback (answer_id);
