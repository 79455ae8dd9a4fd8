-- Conversations, business-case requests and their approval, durable across restarts.

-- Where each chat user is in a conversation (idle, filling a form, giving a reason), one row per user.
CREATE TABLE conversations (
  user_key    TEXT PRIMARY KEY,           -- channel:user id, e.g. slack:U0123ABCD
  council_id  TEXT NOT NULL,
  state       TEXT NOT NULL,              -- JSON
  updated_at  TEXT NOT NULL
);

-- Business cases for a service's new account, from draft to decision. The form's progress travels with it.
CREATE TABLE account_requests (
  id                  TEXT PRIMARY KEY,   -- reference shown to people, e.g. BC-2026-0001
  council_id          TEXT NOT NULL,
  requester_key       TEXT NOT NULL,
  requester_name      TEXT NOT NULL,
  requester_person_id TEXT,
  requester_channel   TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('draft', 'in-review', 'changes-requested', 'approved', 'rejected', 'withdrawn')),
  progress            TEXT NOT NULL,      -- JSON: answers and position in the form
  stage_index         INTEGER NOT NULL DEFAULT 0,
  round               INTEGER NOT NULL DEFAULT 0,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  submitted_at        TEXT,
  stage_entered_at    TEXT,
  closed_at           TEXT
);
CREATE INDEX account_requests_by_requester ON account_requests (requester_key, status);
CREATE INDEX account_requests_by_status ON account_requests (status, council_id);

-- One decision per role per stage per round, and one per person: double clicks and races cannot add a second.
CREATE TABLE approval_decisions (
  id              INTEGER PRIMARY KEY,
  request_id      TEXT NOT NULL REFERENCES account_requests (id),
  round           INTEGER NOT NULL,
  stage_index     INTEGER NOT NULL,
  role_id         TEXT NOT NULL,
  decider_key     TEXT NOT NULL,
  decider_name    TEXT NOT NULL,
  decider_person_id TEXT,
  decider_channel TEXT NOT NULL,
  outcome         TEXT NOT NULL CHECK (outcome IN ('approved', 'rejected', 'changes-requested')),
  comment         TEXT,
  decided_at      TEXT NOT NULL,
  UNIQUE (request_id, round, stage_index, role_id),
  UNIQUE (request_id, round, stage_index, decider_key)
);

-- Reminders and escalations already sent, so each goes once per role, round and stage.
CREATE TABLE approval_nudges (
  request_id  TEXT NOT NULL REFERENCES account_requests (id),
  round       INTEGER NOT NULL,
  stage_index INTEGER NOT NULL,
  role_id     TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('reminder', 'escalation')),
  sent_at     TEXT NOT NULL,
  PRIMARY KEY (request_id, round, stage_index, role_id, kind)
);

-- Every transition, refusal included: who, what, when, through which channel. Append-only.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  request_id  TEXT,
  actor_key   TEXT NOT NULL,
  actor_name  TEXT NOT NULL,
  channel     TEXT NOT NULL,
  action      TEXT NOT NULL,
  detail      TEXT                        -- JSON
);
CREATE INDEX audit_log_by_request ON audit_log (request_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Buttons the core has sent: a press is honoured only with a token issued here, for the action it was issued for.
CREATE TABLE issued_actions (
  token       TEXT PRIMARY KEY,
  action_id   TEXT NOT NULL,
  payload     TEXT NOT NULL,              -- JSON
  issued_at   TEXT NOT NULL
);

-- Messages to people other than the one typing, written in the same transaction as the change that causes them.
CREATE TABLE outbox (
  id            INTEGER PRIMARY KEY,
  created_at    TEXT NOT NULL,
  deliver_after TEXT NOT NULL,
  recipient     TEXT NOT NULL,            -- JSON: a person, a chat user, or the comms channel
  card_key      TEXT,                     -- cards that are later updated in place
  operation     TEXT NOT NULL CHECK (operation IN ('post', 'update')),
  message       TEXT NOT NULL,            -- JSON, the neutral message
  sent_at       TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT
);
CREATE INDEX outbox_pending ON outbox (sent_at, deliver_after);

-- Where each card was posted in each channel (Slack channel and ts, Teams activity id), to update it in place.
CREATE TABLE card_refs (
  card_key    TEXT NOT NULL,
  channel     TEXT NOT NULL,
  ref         TEXT NOT NULL,              -- JSON
  PRIMARY KEY (card_key, channel)
);

CREATE TABLE reference_counters (
  prefix      TEXT PRIMARY KEY,           -- e.g. BC-2026
  last_number INTEGER NOT NULL
);
