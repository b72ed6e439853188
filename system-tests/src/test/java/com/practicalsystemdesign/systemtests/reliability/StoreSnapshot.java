package com.practicalsystemdesign.systemtests.reliability;

import java.util.List;
import java.util.Set;

/**
 * Everything the three stores hold, in a form two snapshots can be compared by: the users
 * table (row count and a digest of every row), every Redis key with its value, every item
 * of both DynamoDB tables.
 */
record StoreSnapshot(long userRows, String usersDigest, List<String> cache, Set<String> chatItems) {

    static StoreSnapshot of(ReliabilityStack stack) {
        return new StoreSnapshot(stack.postgres.queryLong("SELECT count(*) FROM users"),
                stack.postgres
                    .query("SELECT coalesce(md5(string_agg(id || '|' || name || '|' || email || '|' || version "
                            + "|| '|' || created_at, ',' ORDER BY id)), '') FROM users", row -> row.getString(1))
                    .getFirst(),
                stack.redis.dump(), stack.chatTables.everything());
    }

    @Override
    public String toString() {
        return userRows + " user rows, " + cache.size() + " Redis keys, " + chatItems.size() + " DynamoDB items";
    }
}
