-- Reports of abuse, breaches and mistakes. Everything a reporter or officer writes is sealed (AES-256-GCM,
-- key from POLICY_DESK_ENCRYPTION_KEY): the columns named sealed_* hold only ciphertext.

-- The link between a report and whoever filed it. For an anonymous report this is the only link: the
-- reporter is sealed, and found again only by a keyed fingerprint of their chat id.
CREATE TABLE report_relays (
  relay_id              TEXT PRIMARY KEY,   -- random, opaque
  reporter_fingerprint  TEXT NOT NULL,      -- HMAC of the reporter's chat id
  sealed_reporter       TEXT NOT NULL
);
CREATE INDEX report_relays_by_fingerprint ON report_relays (reporter_fingerprint);

CREATE TABLE reports (
  id                  TEXT PRIMARY KEY,     -- reference shown to people, e.g. R-2026-0042
  council_id          TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('draft', 'open', 'acknowledged', 'closed', 'cancelled')),
  relay_id            TEXT NOT NULL REFERENCES report_relays (relay_id),
  anonymous           INTEGER NOT NULL DEFAULT 0,
  -- Who reported: set when a named report is filed; never set for an anonymous one.
  reporter_key        TEXT,
  reporter_name       TEXT,
  reporter_person_id  TEXT,
  reporter_role       TEXT CHECK (reporter_role IN ('employee', 'member')),
  category            TEXT,
  urgency             TEXT,
  rule_id             TEXT,
  clause_id           TEXT,
  sealed_content      TEXT NOT NULL,        -- the answers, evidence and attachments
  outcome             TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  submitted_at        TEXT,
  acknowledge_by      TEXT,
  acknowledged_at     TEXT,
  closed_at           TEXT,
  CHECK (anonymous = 0 OR (reporter_key IS NULL AND reporter_name IS NULL AND reporter_person_id IS NULL))
);
CREATE INDEX reports_by_status ON reports (status, council_id);

-- Who may read and act on a case. Only these people (while not removed) can open it.
CREATE TABLE report_assignees (
  report_id     TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  person_id     TEXT NOT NULL,
  role_id       TEXT NOT NULL,
  reason        TEXT NOT NULL CHECK (reason IN ('policy', 'conflict-alternate', 'escalation', 'reassigned', 'fallback')),
  assigned_at   TEXT NOT NULL,
  removed_at    TEXT,
  PRIMARY KEY (report_id, person_id)
);

-- Notes, questions, replies, added information and the closing summary, in order; the text is sealed.
CREATE TABLE report_entries (
  id            INTEGER PRIMARY KEY,
  report_id     TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  at            TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('note', 'question', 'reply', 'information', 'outcome')),
  author        TEXT NOT NULL,              -- 'reporter', or the officer's person id
  sealed_body   TEXT NOT NULL
);
CREATE INDEX report_entries_by_report ON report_entries (report_id, id);

-- Acknowledgement reminders and escalations already sent: each goes once.
CREATE TABLE report_nudges (
  report_id   TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('reminder', 'escalation')),
  sent_at     TEXT NOT NULL,
  PRIMARY KEY (report_id, kind)
);

-- Outbox items about a report are sealed whole (recipient and message), so no one reading the database
-- learns who was told what.
ALTER TABLE outbox ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;

-- From here on conversations.user_key holds a keyed fingerprint of the chat id, not the id, and the state
-- is sealed: a state row updated as an anonymous report is filed must not name its reporter. Rows written
-- before this migration are not carried over; the users they belong to start again from idle.
DELETE FROM conversations;
