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

    private static final String INSERT = """
            INSERT INTO users (name, email) VALUES (:name, :email)
            RETURNING id, name, email, created_at, version""";

    private static final String FIND_BY_ID = """
            SELECT id, name, email, created_at, version FROM users WHERE id = :id""";

    private static final String FIND_PAGE = """
            SELECT id, name, email, created_at, version FROM users ORDER BY id LIMIT :limit OFFSET :offset""";

    /**
     * A data-modifying CTE, so that the row change and its outbox row commit together in
     * one round trip.
     */
    private static final String UPDATE = """
            WITH changed AS (
                UPDATE users SET name = COALESCE(:name, name), email = COALESCE(:email, email), version = version + 1
                WHERE id = :id
                RETURNING id, name, email, created_at, version),
            owed AS (
                INSERT INTO user_cache_outbox (user_id, version, due_at)
                SELECT id, version, now() + make_interval(secs => :graceSeconds) FROM changed
                ON CONFLICT (user_id) DO UPDATE SET version = GREATEST(user_cache_outbox.version, EXCLUDED.version))
            SELECT id, name, email, created_at, version FROM changed""";

    /** The tombstone's version is one above the row's last (CachedUser#tombstone). */
    private static final String DELETE = """
            WITH changed AS (
                DELETE FROM users WHERE id = :id
                RETURNING id, version),
            owed AS (
                INSERT INTO user_cache_outbox (user_id, version, due_at)
                SELECT id, version + 1, now() + make_interval(secs => :graceSeconds) FROM changed
                ON CONFLICT (user_id) DO UPDATE SET version = GREATEST(user_cache_outbox.version, EXCLUDED.version))
            SELECT version FROM changed""";

    private final DatabaseClient database;

    private final Duration timeout;

    /** How long an outbox row is left to its writer: {@code cache.repair-grace}. */
    private final double graceSeconds;

    UserRepository(DatabaseClient database, UserDatabaseProperties properties, UserCacheProperties cache) {
        this.database = database;
        this.timeout = properties.timeout();
        this.graceSeconds = cache.repairGrace().toNanos() / 1e9;
    }

    Mono<UserEntity> insert(String name, String email) {
        return database.sql(INSERT)
            .bind("name", name)
            .bind("email", email)
            .map(UserRepository::toEntity)
            .one()
            .transform(this::bounded);
    }

    Mono<UserEntity> findById(long id) {
        return database.sql(FIND_BY_ID).bind("id", id).map(UserRepository::toEntity).one().transform(this::bounded);
    }

    Mono<List<UserEntity>> findPage(int limit, long offset) {
        return database.sql(FIND_PAGE)
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
        GenericExecuteSpec update = database.sql(UPDATE).bind("id", id).bind("graceSeconds", graceSeconds);
        update = bindNullable(update, "name", name);
        update = bindNullable(update, "email", email);
        return update.map(UserRepository::toEntity).one().transform(this::bounded);
    }

    /**
     * Deletes the row, records in the same statement that Redis owes its tombstone, and
     * returns the version the row had; empty when absent.
     */
    Mono<Long> delete(long id) {
        return database.sql(DELETE)
            .bind("id", id)
            .bind("graceSeconds", graceSeconds)
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
     * The driver's own row. R2DBC's observation goes through r2dbc-proxy, which also
     * intercepts every {@code get} on a row, reflectively, for listeners this service
     * does not have (its cost: docs/performance.md).
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
