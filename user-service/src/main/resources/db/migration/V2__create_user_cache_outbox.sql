-- Cache updates still owed to Redis (a transactional outbox). Every update and delete of a user
-- writes its row here in the same statement as the change to users, so the record survives the
-- writer: if the writer's own put to Redis fails, or the writer dies before it, any live instance
-- finds the row once it is due and puts the user's current state (or a tombstone) in Redis.
-- One row per user: a newer write raises the version owed and keeps the earliest due time.
CREATE TABLE user_cache_outbox (
    user_id BIGINT      PRIMARY KEY,
    -- The entry Redis must hold at least: the row's version, or for a delete its last version + 1
    -- (the tombstone's).
    version BIGINT      NOT NULL,
    -- When a sweeper may take the row: shortly after the write (the writer settles it first), or
    -- after a sweeper's claim has lapsed.
    due_at  TIMESTAMPTZ NOT NULL
);

-- The sweep takes the rows that are due, oldest first.
CREATE INDEX user_cache_outbox_due_at ON user_cache_outbox (due_at);
