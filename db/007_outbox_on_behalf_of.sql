-- Whom an outbox message to an approver or officer is for (the requester, the reporter), so that if the
-- recipient cannot be reached they are told, once. Sealed like the rest of the row when the row is sealed.
ALTER TABLE outbox ADD COLUMN on_behalf_of TEXT;
ALTER TABLE outbox ADD COLUMN unreachable_told INTEGER NOT NULL DEFAULT 0;
-- A card's current state (the newest row under its key) is read when Teams asks to refresh it.
CREATE INDEX outbox_by_card_key ON outbox (card_key) WHERE card_key IS NOT NULL;
