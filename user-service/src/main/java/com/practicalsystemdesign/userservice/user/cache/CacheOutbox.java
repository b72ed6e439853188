package com.practicalsystemdesign.userservice.user.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import com.practicalsystemdesign.userservice.user.UserDatabaseProperties;
import com.practicalsystemdesign.userservice.user.PostgresErrors;

/**
 * The {@code user_cache_outbox} table: cache updates that Redis still owes, one row per
 * user with the version Redis must hold at least. {@link UserRepository} writes a row in
 * the same statement as every update and delete; once the writer's own put reached Redis
 * it is settled (in batches, {@link SettledOutboxRecords}), and otherwise any instance's
 * {@link CacheSweeper} claims it when it is due and puts the user's current state. Every
 * put is version-checked in Redis, so doing one twice, late, or on two instances is
 * harmless.
 */
@Repository
public class CacheOutbox {

    private static final String CLAIM = """
            WITH claimed AS (
                UPDATE user_cache_outbox SET due_at = now() + make_interval(secs => :leaseSeconds)
                WHERE user_id IN (SELECT user_id FROM user_cache_outbox WHERE due_at <= now()
                                  ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING user_id, version)
            SELECT c.user_id, c.version AS owed, u.name, u.email, u.created_at, u.version
            FROM claimed c LEFT JOIN users u ON u.id = c.user_id""";

    private static final String DUE_NOW = """
            UPDATE user_cache_outbox SET due_at = now() WHERE user_id = :id""";

    private static final String SETTLE = """
            DELETE FROM user_cache_outbox o
            USING unnest(CAST(:ids AS bigint[]), CAST(:versions AS bigint[])) AS s(user_id, version)
            WHERE o.user_id = s.user_id AND o.version <= s.version""";

    private static final String RELEASE = """
            UPDATE user_cache_outbox SET due_at = now() WHERE user_id = ANY(CAST(:ids AS bigint[]))""";

    private static final String STILL_OWED = """
            SELECT user_id FROM user_cache_outbox WHERE user_id = ANY(CAST(:ids AS bigint[]))""";

    private final DatabaseClient database;

    private final Duration timeout;

    /** How long a claim keeps other instances off a row: {@code cache.repair-lease}. */
    private final double leaseSeconds;

    CacheOutbox(DatabaseClient database, UserDatabaseProperties properties, UserCacheProperties cache) {
        this.database = database;
        this.timeout = properties.timeout();
        this.leaseSeconds = cache.repairLease().toNanos() / 1e9;
    }

    /**
     * The writer's own put failed: any instance may repair it at its next sweep, without
     * waiting.
     */
    public Mono<Void> dueNow(long id) {
        return database.sql(DUE_NOW).bind("id", id).then().transform(this::bounded);
    }

    /**
     * Claims up to {@code limit} due rows for {@code cache.repair-lease} (other instances
     * skip them meanwhile, and take them over when this one dies) and returns what Redis
     * must hold for each: the user's row as it is now, or a tombstone when the user is
     * gone.
     */
    Flux<CachedUser> claimDue(int limit) {
        return database.sql(CLAIM)
            .bind("limit", limit)
            .bind("leaseSeconds", leaseSeconds)
            .map(CacheOutbox::entry)
            .all()
            .collectList()
            .transform(this::bounded)
            .flatMapIterable(entries -> entries);
    }

    /**
     * Redis holds each of these versions (user id to version) or a newer one: nothing up
     * to it is owed.
     */
    Mono<Void> settle(Map<Long, Long> versionsById) {
        if (versionsById.isEmpty()) {
            return Mono.empty();
        }
        return database.sql(SETTLE)
            .bind("ids", versionsById.keySet().toArray(Long[]::new))
            .bind("versions", versionsById.values().toArray(Long[]::new))
            .then()
            .transform(this::bounded);
    }

    /** Claims this instance could not finish: due again at once, for any instance. */
    Mono<Void> release(Collection<CachedUser> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        return database.sql(RELEASE)
            .bind("ids", entries.stream().map(CachedUser::id).toArray(Long[]::new))
            .then()
            .transform(this::bounded);
    }

    /** Which of these users still have a cache update owed. */
    Mono<List<Long>> stillOwed(Collection<Long> ids) {
        return database.sql(STILL_OWED)
            .bind("ids", ids.toArray(Long[]::new))
            .map(row -> row.get("user_id", Long.class))
            .all()
            .collectList()
            .transform(this::bounded);
    }

    private static CachedUser entry(Readable row) {
        long id = row.get("user_id", Long.class);
        String name = row.get("name", String.class);
        if (name == null) {
            return new CachedUser(id, null, null, null, row.get("owed", Long.class), true);
        }
        // The row as this statement saw it; if it is older than what is owed, the row
        // stays owed.
        return new CachedUser(id, name, row.get("email", String.class), row.get("created_at", Instant.class),
                row.get("version", Long.class), false);
    }

    private <T> Mono<T> bounded(Mono<T> call) {
        return call.name("user cache outbox query")
            .timeout(timeout)
            .onErrorMap(PostgresErrors::isUnavailable, PostgresErrors::unavailable);
    }

}
