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
import com.practicalsystemdesign.common.web.ServerTiming;
import com.practicalsystemdesign.common.web.ServerTiming.Store;
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
            INSERT INTO users (name, email, email_key) VALUES (:name, :email, :email_key)
            RETURNING id, name, email, created_at, version""";

    private static final String FIND_BY_ID = """
            SELECT id, name, email, created_at, version FROM users WHERE id = :id""";

    private static final String FIND_PAGE = """
            SELECT id, name, email, created_at, version FROM users ORDER BY id LIMIT :limit OFFSET :offset""";

    private static final String FIND_VERSION = """
            SELECT version FROM users WHERE id = :id""";

    /**
     * Accepts every version for a write without If-Match; the check itself is in UPDATE
     * and DELETE, so that no other write can come between the check and the change.
     */
    private static final Long[] NO_VERSIONS = {};

    /**
     * A data-modifying CTE, so that the row change and its outbox row commit together in
     * one round trip.
     */
    private static final String UPDATE = """
            WITH changed AS (
                UPDATE users SET name = COALESCE(:name, name), email = COALESCE(:email, email),
                    email_key = COALESCE(:email_key, email_key), version = version + 1
                WHERE id = :id AND (:any_version OR version = ANY(:versions))
                RETURNING id, name, email, created_at, version),
            owed AS (
                INSERT INTO user_cache_outbox (user_id, version, due_at)
                SELECT id, version, now() + make_interval(secs => :graceSeconds) FROM changed
                ON CONFLICT (user_id) DO UPDATE SET version = GREATEST(user_cache_outbox.version, EXCLUDED.version))
            SELECT id, name, email, created_at, version FROM changed""";

    /** The tombstone's version is one above the row's last (CachedUser#tombstone). */
    private static final String DELETE = """
            WITH changed AS (
                DELETE FROM users WHERE id = :id AND (:any_version OR version = ANY(:versions))
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
            .bind("email_key", EmailKey.of(email))
            .map(UserRepository::toEntity)
            .one()
            .transform(this::bounded);
    }

    Mono<UserEntity> findById(long id) {
        return database.sql(FIND_BY_ID).bind("id", id).map(UserRepository::toEntity).one().transform(this::bounded);
    }

    /** The row's version, to tell a failed conditional write from an absent row. */
    Mono<Long> findVersion(long id) {
        return database.sql(FIND_VERSION)
            .bind("id", id)
            .map(row -> row.get("version", Long.class))
            .one()
            .transform(this::bounded);
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
     * when absent or at a version {@code expected} does not accept.
     */
    Mono<UserEntity> update(long id, IfMatch expected, String name, String email) {
        GenericExecuteSpec update = bindExpected(database.sql(UPDATE).bind("id", id), expected).bind("graceSeconds",
                graceSeconds);
        update = bindNullable(update, "name", name);
        update = bindNullable(update, "email", email);
        update = bindNullable(update, "email_key", email == null ? null : EmailKey.of(email));
        return update.map(UserRepository::toEntity).one().transform(this::bounded);
    }

    /**
     * Deletes the row, records in the same statement that Redis owes its tombstone, and
     * returns the version the row had; empty when absent or at a version {@code expected}
     * does not accept.
     */
    Mono<Long> delete(long id, IfMatch expected) {
        return bindExpected(database.sql(DELETE).bind("id", id), expected).bind("graceSeconds", graceSeconds)
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
            .transform(ServerTiming.timed(Store.POSTGRES))
            .onErrorMap(PostgresErrors::isUnavailable, ex -> PostgresErrors.unavailable(ex));
    }

    private static GenericExecuteSpec bindExpected(GenericExecuteSpec spec, IfMatch expected) {
        return spec.bind("any_version", expected.any())
            .bind("versions", expected.any() ? NO_VERSIONS : expected.versions().toArray(Long[]::new));
    }

    private static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

}
