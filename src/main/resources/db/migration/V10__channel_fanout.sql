-- Changes waiting to be pushed to the channels: one row per (kind, SKU, scope) however often it changed, so a
-- burst of changes becomes one update with the latest value. kind 'stock' has the Magento stock id as scope,
-- kind 'price' the store view code. Rows are written in the transaction that consumed the event and deleted in
-- the one that recorded the push, so a crash in between repeats the push instead of losing it. mark_seq grows
-- with every mark: a flush deletes the row only if nobody marked it again while it was pushing.
CREATE TABLE fanout_pending (
    kind             VARCHAR(16)  NOT NULL,
    sku              VARCHAR(255) NOT NULL,
    scope            VARCHAR(64)  NOT NULL,
    marked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    mark_seq         BIGINT       DEFAULT 0 NOT NULL,
    attempts         INT          DEFAULT 0 NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000),
    PRIMARY KEY (kind, sku, scope)
);
CREATE INDEX ix_fanout_pending_due ON fanout_pending (next_attempt_at);
