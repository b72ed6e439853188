package com.practicalsystemdesign.userservice.user;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import com.practicalsystemdesign.common.store.StoreUnavailableException;
import com.practicalsystemdesign.userservice.user.cache.UserCacheProperties;

/**
 * The {@code users} table over R2DBC. Every call is bounded by {@code database.timeout};
 * a PostgreSQL that is down, unreachable or too slow surfaces as
 * {@link StoreUnavailableException} (503), while constraint violations and SQL errors
 * keep their own types (a duplicate email is a
 * {@link org.springframework.dao.DuplicateKeyException}).
 */
@Repository
class UserRepository {

    private static final String COLUMNS = "id, name, email, created_at, version";

    private final DatabaseClient database;

    private final Duration timeout;

    private final String updateSql;

    private final String deleteSql;

    UserRepository(DatabaseClient database, UserDatabaseProperties properties, UserCacheProperties cache) {
        this.database = database;
        this.timeout = properties.timeout();
        // A data-modifying CTE: the row change and the outbox row commit together, in one
        // round trip.
        String owed = "INSERT INTO user_cache_outbox (user_id, version, due_at) SELECT id, %s, now() + interval '"
                + cache.repairGrace().toMillis() + " milliseconds' FROM changed "
                + "ON CONFLICT (user_id) DO UPDATE SET version = GREATEST(user_cache_outbox.version, EXCLUDED.version)";
        this.updateSql = "WITH changed AS (UPDATE users SET name = COALESCE(:name, name), "
                + "email = COALESCE(:email, email), version = version + 1 WHERE id = :id RETURNING " + COLUMNS + "), "
                + "owed AS (" + owed.formatted("version") + ") SELECT " + COLUMNS + " FROM changed";
        // The tombstone's version is one above the last the row had
        // (CachedUser#tombstone).
        this.deleteSql = "WITH changed AS (DELETE FROM users WHERE id = :id RETURNING id, version), " + "owed AS ("
                + owed.formatted("version + 1") + ") SELECT version FROM changed";
    }

    Mono<UserEntity> insert(String name, String email) {
        return database.sql("INSERT INTO users (name, email) VALUES (:name, :email) RETURNING " + COLUMNS)
            .bind("name", name)
            .bind("email", email)
            .map(UserRepository::toEntity)
            .one()
            .transform(this::bounded);
    }

    Mono<UserEntity> findById(long id) {
        return database.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
            .bind("id", id)
            .map(UserRepository::toEntity)
            .one()
            .transform(this::bounded);
    }

    Mono<List<UserEntity>> findPage(int limit, long offset) {
        return database.sql("SELECT " + COLUMNS + " FROM users ORDER BY id LIMIT :limit OFFSET :offset")
            .bind("limit", limit)
            .bind("offset", offset)
            .map(UserRepository::toEntity)
            .all()
            .collectList()
            .transform(this::bounded);
    }

    /**
     * Sets the given fields (null keeps a field), counts the version up and records in
     * the same statement that Redis owes the new version ({@link CacheOutbox}); empty
     * when absent.
     */
    Mono<UserEntity> update(long id, String name, String email) {
        GenericExecuteSpec update = database.sql(updateSql).bind("id", id);
        update = bindNullable(update, "name", name);
        update = bindNullable(update, "email", email);
        return update.map(UserRepository::toEntity).one().transform(this::bounded);
    }

    /**
     * Deletes the row, records in the same statement that Redis owes its tombstone, and
     * returns the version the row had; empty when absent.
     */
    Mono<Long> delete(long id) {
        return database.sql(deleteSql)
            .bind("id", id)
            .map(row -> row.get("version", Long.class))
            .one()
            .transform(this::bounded);
    }

    private static UserEntity toEntity(Readable proxied) {
        Readable row = unproxied(proxied);
        return new UserEntity(row.get("id", Long.class), row.get("name", String.class), row.get("email", String.class),
                row.get("created_at", Instant.class), row.get("version", Long.class));
    }

    /**
     * The driver's own row. R2DBC's observation (query timings and spans) goes through
     * r2dbc-proxy, which also intercepts every {@code get} on a row, reflectively and
     * with a clock reading each; nothing here listens to those, and on a page of 100
     * users that interception is a sizeable part of the request's CPU.
     */
    private static Readable unproxied(Readable row) {
        return (row instanceof Wrapped<?> proxy && proxy.unwrap() instanceof Readable driverRow) ? driverRow : row;
    }

    /**
     * A call that fails with {@link StoreUnavailableException} when PostgreSQL is not
     * there in time. Named, like the cache's calls, so that a timeout says what did not
     * answer; without a name, Reactor derives one from the operator chain at every
     * subscription, work that every cache hit would pay for.
     */
    private <T> Mono<T> bounded(Mono<T> call) {
        return call.name("users query")
            .timeout(timeout)
            .onErrorMap(PostgresErrors::isUnavailable, ex -> PostgresErrors.unavailable(ex));
    }

    private static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

}
