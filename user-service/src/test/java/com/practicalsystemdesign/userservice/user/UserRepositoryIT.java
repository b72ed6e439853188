package com.practicalsystemdesign.userservice.user;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.r2dbc.core.DatabaseClient;

import com.practicalsystemdesign.userservice.PrivateSchema;
import com.practicalsystemdesign.userservice.user.cache.UserCacheProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users table's writes on real PostgreSQL: an update or delete writes its outbox row
 * in the same statement, due {@code cache.repair-grace} later, at the version Redis must
 * hold; a create owes nothing.
 */
class UserRepositoryIT {

    private static final PrivateSchema SCHEMA = new PrivateSchema("user_repository_it");

    private static final double GRACE_SECONDS = 3600;

    private final DatabaseClient database = DatabaseClient.create(SCHEMA.connectionFactory());

    private final UserRepository repository = repository();

    @BeforeEach
    void empty() {
        StepVerifier.create(database.sql("TRUNCATE users, user_cache_outbox").then()).verifyComplete();
    }

    @Test
    void aCreateOwesNothing() {
        StepVerifier.create(repository.insert("Alice", "alice@example.com").flatMap(user -> owed(user.id())))
            .verifyComplete();
    }

    @Test
    void anUpdateOwesItsNewVersionDueAfterTheGrace() {
        StepVerifier
            .create(repository.insert("Alice", "alice@example.com")
                .flatMap(user -> repository.update(user.id(), "Alice Jones", null))
                .flatMap(updated -> owed(updated.id()).map(row -> Map.entry(updated.version(), row))))
            .assertNext(owed -> {
                assertThat(owed.getValue().version()).isEqualTo(owed.getKey());
                assertThat(owed.getValue().dueInSeconds()).isBetween(GRACE_SECONDS - 60, GRACE_SECONDS);
            })
            .verifyComplete();
    }

    @Test
    void aSecondUpdateRaisesTheVersionOwedAndKeepsTheFirstDueTime() {
        Mono<Owed> twice = repository.insert("Alice", "alice@example.com")
            .flatMap(user -> repository.update(user.id(), "Alice Jones", null))
            .flatMap(first -> owed(first.id()).flatMap(afterFirst -> repository.update(first.id(), "Alice Smith", null)
                .flatMap(second -> owed(second.id()))
                .doOnNext(afterSecond -> {
                    assertThat(afterSecond.version()).isEqualTo(afterFirst.version() + 1);
                    assertThat(afterSecond.dueAt()).isEqualTo(afterFirst.dueAt());
                })));

        StepVerifier.create(twice).expectNextCount(1).verifyComplete();
    }

    @Test
    void aDeleteOwesTheTombstoneOneVersionAboveTheLastRow() {
        StepVerifier
            .create(repository.insert("Alice", "alice@example.com")
                .flatMap(user -> repository.delete(user.id())
                    .flatMap(lastVersion -> owed(user.id()).map(row -> row.version() - lastVersion))))
            .expectNext(1L)
            .verifyComplete();
    }

    @Test
    void anAbsentUserOwesNothing() {
        StepVerifier.create(repository.update(1_000_000, "Nobody", null).then(repository.delete(1_000_000)))
            .verifyComplete();
        StepVerifier.create(owed(1_000_000)).verifyComplete();
    }

    private Mono<Owed> owed(long id) {
        return database.sql("""
                SELECT version, CAST(due_at AS text) AS due_at, EXTRACT(EPOCH FROM due_at - now()) AS due_in
                FROM user_cache_outbox WHERE user_id = :id""")
            .bind("id", id)
            .map(row -> new Owed(row.get("version", Long.class), row.get("due_at", String.class),
                    row.get("due_in", Number.class).doubleValue()))
            .one();
    }

    private UserRepository repository() {
        Binder binder = new Binder(
                new MapConfigurationPropertySource(Map.of("cache.repair-grace", (long) GRACE_SECONDS + "s")));
        return new UserRepository(database, binder.bindOrCreate("database", UserDatabaseProperties.class),
                binder.bindOrCreate("cache", UserCacheProperties.class));
    }

    private record Owed(long version, String dueAt, double dueInSeconds) {
    }

}
