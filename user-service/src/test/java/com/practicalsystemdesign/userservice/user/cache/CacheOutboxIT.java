package com.practicalsystemdesign.userservice.user.cache;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.practicalsystemdesign.userservice.PrivateSchema;
import com.practicalsystemdesign.userservice.user.UserDatabaseProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's SQL on real PostgreSQL: due rows are claimed with the user's current state
 * (or a tombstone), a claim is a lease that other claimers skip ({@code SKIP LOCKED}) and
 * that lapses, a settle deletes up to the version Redis holds, a release makes a claim
 * due at once.
 */
class CacheOutboxIT {

    private static final PrivateSchema SCHEMA = new PrivateSchema("cache_outbox_it");

    private static final Duration SHORT_LEASE = Duration.ofMillis(300);

    private static final double AN_HOUR = 3600;

    private static final String OWE = """
            INSERT INTO user_cache_outbox (user_id, version, due_at)
            VALUES (:id, :version, now() + make_interval(secs => :dueInSeconds))""";

    private final ConnectionFactory connections = SCHEMA.connectionFactory();

    private final DatabaseClient database = DatabaseClient.create(connections);

    /** Leases that never lapse during a test, unless a test asks for short ones. */
    private final CacheOutbox outbox = outbox(database, Duration.ofHours(1));

    @BeforeEach
    void empty() {
        StepVerifier.create(database.sql("TRUNCATE users, user_cache_outbox").then()).verifyComplete();
    }

    @Test
    void aDueRowIsClaimedWithTheUsersCurrentRowOrATombstoneWhenTheUserIsGone() {
        long alice = user("Alice");
        long gone = 1_000_000;
        owe(alice, 1, 0);
        owe(gone, 7, 0);

        StepVerifier.create(outbox.claimDue(10).collectList()).assertNext(claimed -> {
            assertThat(claimed).extracting(CachedUser::id).containsExactlyInAnyOrder(alice, gone);
            CachedUser live = claimed.stream().filter(entry -> entry.id() == alice).findFirst().orElseThrow();
            assertThat(live.name()).isEqualTo("Alice");
            assertThat(live.deleted()).isFalse();
            CachedUser tombstone = claimed.stream().filter(entry -> entry.id() == gone).findFirst().orElseThrow();
            assertThat(tombstone.deleted()).isTrue();
            assertThat(tombstone.version()).isEqualTo(7);
        }).verifyComplete();
    }

    @Test
    void aRowNotYetDueIsNotClaimedUntilDueNowMarksIt() {
        long alice = user("Alice");
        owe(alice, 1, AN_HOUR);

        StepVerifier.create(outbox.claimDue(10)).verifyComplete();
        StepVerifier.create(outbox.dueNow(alice).thenMany(outbox.claimDue(10)).map(CachedUser::id))
            .expectNext(alice)
            .verifyComplete();
    }

    @Test
    void twoConcurrentClaimersGetDisjointRows() {
        for (int i = 0; i < 6; i++) {
            owe(user("User " + i), 1, 0);
        }
        ConnectionFactory otherConnections = SCHEMA.connectionFactory();
        CacheOutbox other = outbox(DatabaseClient.create(otherConnections), Duration.ofHours(1));
        TransactionalOperator transaction = TransactionalOperator.create(new R2dbcTransactionManager(otherConnections));

        // The other claimer holds its rows' locks, uncommitted, while this one claims.
        Mono<List<List<Long>>> both = transaction.transactional(other.claimDue(2)
            .map(CachedUser::id)
            .collectList()
            .flatMap(first -> outbox.claimDue(10)
                .map(CachedUser::id)
                .collectList()
                .map(second -> List.of(first, second))));

        StepVerifier.create(both).assertNext(claims -> {
            assertThat(claims.get(0)).hasSize(2);
            assertThat(claims.get(1)).hasSize(4).doesNotContainAnyElementsOf(claims.get(0));
        }).verifyComplete();
    }

    @Test
    void aClaimKeepsOthersOffTheRowForItsLease() {
        long alice = user("Alice");
        owe(alice, 1, 0);

        StepVerifier.create(outbox.claimDue(10).map(CachedUser::id)).expectNext(alice).verifyComplete();
        StepVerifier.create(outbox.claimDue(10)).verifyComplete();
    }

    @Test
    void aClaimWhoseLeaseLapsedIsClaimedAgain() {
        long alice = user("Alice");
        owe(alice, 1, 0);
        CacheOutbox shortLeases = outbox(database, SHORT_LEASE);

        StepVerifier.create(shortLeases.claimDue(10).map(CachedUser::id)).expectNext(alice).verifyComplete();
        StepVerifier.create(claimedOnceDue(alice)).expectNext(alice).verifyComplete();
    }

    @Test
    void aReleasedClaimIsDueAtOnce() {
        long alice = user("Alice");
        owe(alice, 1, 0);

        StepVerifier
            .create(outbox.claimDue(10)
                .collectList()
                .flatMap(outbox::release)
                .thenMany(outbox.claimDue(10))
                .map(CachedUser::id))
            .expectNext(alice)
            .verifyComplete();
    }

    @Test
    void aSettleDeletesARowUpToTheVersionRedisHoldsAndKeepsANewerOne() {
        long alice = user("Alice");
        long bob = user("Bob");
        owe(alice, 2, AN_HOUR);
        owe(bob, 5, AN_HOUR);

        StepVerifier.create(outbox.settle(Map.of(alice, 2L, bob, 4L)).then(outbox.stillOwed(List.of(alice, bob))))
            .expectNext(List.of(bob))
            .verifyComplete();
    }

    /** Polls until the lease lapses; bounded, and never waits a fixed time. */
    private Mono<Long> claimedOnceDue(long id) {
        return Flux.interval(Duration.ofMillis(50))
            .onBackpressureDrop()
            .concatMap(tick -> outbox.claimDue(10).map(CachedUser::id).collectList())
            .filter(ids -> ids.contains(id))
            .next()
            .map(ids -> id)
            .timeout(Duration.ofSeconds(30));
    }

    private long user(String name) {
        AtomicLong id = new AtomicLong();
        StepVerifier
            .create(database
                .sql("INSERT INTO users (name, email, email_key) VALUES (:name, :email, :email) RETURNING id")
                .bind("name", name)
                .bind("email", name.replace(' ', '.').toLowerCase(Locale.ROOT) + "@example.com")
                .map(row -> row.get("id", Long.class))
                .one())
            .consumeNextWith(id::set)
            .verifyComplete();
        return id.get();
    }

    /** An outbox row as a write leaves it, due {@code dueInSeconds} from now. */
    private void owe(long id, long version, double dueInSeconds) {
        StepVerifier
            .create(database.sql(OWE).bind("id", id).bind("version", version).bind("dueInSeconds", dueInSeconds).then())
            .verifyComplete();
    }

    private static CacheOutbox outbox(DatabaseClient database, Duration lease) {
        Map<String, String> settings = Map.of("cache.repair-lease", lease.toMillis() + "ms");
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        return new CacheOutbox(database, binder.bindOrCreate("database", UserDatabaseProperties.class),
                binder.bindOrCreate("cache", UserCacheProperties.class));
    }

}
