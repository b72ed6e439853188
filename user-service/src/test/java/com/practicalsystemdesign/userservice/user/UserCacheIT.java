package com.practicalsystemdesign.userservice.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.practicalsystemdesign.common.model.User;
import com.practicalsystemdesign.common.model.UserCreate;
import com.practicalsystemdesign.common.model.UserUpdate;
import com.practicalsystemdesign.common.web.ResourceNotFoundException;
import com.practicalsystemdesign.userservice.user.cache.UserCache;
import com.practicalsystemdesign.userservice.user.cache.CachedUser;
import com.practicalsystemdesign.userservice.user.cache.UserCacheProperties;

import static com.practicalsystemdesign.common.testing.Fixtures.createUser;
import static com.practicalsystemdesign.common.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache-aside on real PostgreSQL and Redis: the README's walkthrough with its log
 * lines and {@code redis-cli GET user:{id}}, the races that must not leave a stale entry,
 * and read-your-writes under concurrent readers.
 */
@ExtendWith(OutputCaptureExtension.class)
class UserCacheIT extends WithRealStores {

    @Autowired
    private WebTestClient client;

    @Autowired
    private ReactiveStringRedisTemplate redis;

    @Autowired
    private UserService users;

    @Autowired
    private UserRepository repository;

    @Autowired
    private UserCache cache;

    @Autowired
    private DatabaseClient database;

    @Autowired
    private UserCacheProperties properties;

    @Autowired
    private MeterRegistry meters;

    @LocalServerPort
    private int port;

    @Test
    void readmeWalkthroughMissesThenHitsAndKeepsTheCacheCurrent(CapturedOutput output) {
        User alice = createUser(client, "Alice Smith", uniqueEmail("alice"));
        User bob = createUser(client, "Bob Jones", uniqueEmail("bob"));
        client.get()
            .uri("/users?limit=1000&offset=0")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBodyList(User.class)
            .value(list -> assertThat(list).contains(alice, bob));

        get(alice.id()).isEqualTo(alice);
        get(alice.id()).isEqualTo(alice);

        int miss = position(output.getOut(), "CACHE MISS for user " + alice.id() + "\\b");
        int hit = position(output.getOut(), "CACHE HIT for user " + alice.id() + "\\b");
        assertThat(miss).as("CACHE MISS line for user %d", alice.id()).isNotNegative();
        assertThat(hit).as("CACHE HIT line after the miss").isGreaterThan(miss);
        StepVerifier.create(cached(alice.id())).assertNext(entry -> {
            assertThat(entry.json().get("id").asLong()).isEqualTo(alice.id());
            assertThat(entry.json().get("name").asString()).isEqualTo("Alice Smith");
            assertThat(entry.json().get("email").asString()).isEqualTo(alice.email());
            assertThat(entry.json().get("created_at").asString()).isEqualTo(alice.createdAt().toString());
            assertThat(entry.ttl()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(properties.ttlSeconds()));
        }).verifyComplete();

        client.put()
            .uri("/users/{id}", alice.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Alice Cooper"))
            .exchange()
            .expectStatus()
            .isOk();
        get(alice.id()).value(user -> assertThat(user.name()).isEqualTo("Alice Cooper"));
        StepVerifier.create(cached(alice.id()))
            .assertNext(entry -> assertThat(entry.json().get("name").asString()).isEqualTo("Alice Cooper"))
            .verifyComplete();

        client.delete().uri("/users/{id}", bob.id()).exchange().expectStatus().isOk();
        client.get().uri("/users/{id}", bob.id()).exchange().expectStatus().isNotFound();
        StepVerifier.create(cached(bob.id())).assertNext(entry -> {
            assertThat(entry.json().get("deleted").asBoolean()).isTrue();
            assertThat(entry.ttl()).isPositive()
                .isLessThanOrEqualTo(Duration.ofSeconds(properties.tombstoneTtlSeconds()));
        }).verifyComplete();
    }

    @Test
    void countsHitsAndMisses() {
        User user = createUser(client, "Counted", uniqueEmail("counted"));
        double hits = count("hit");
        double misses = count("miss");

        get(user.id()).isEqualTo(user);
        get(user.id()).isEqualTo(user);
        get(user.id()).isEqualTo(user);

        assertThat(count("miss")).isEqualTo(misses + 1);
        assertThat(count("hit")).isEqualTo(hits + 2);
    }

    @Test
    void aHitAnswersTheCachedBytesAsTheyAreAndMatchesTheMissByteForByte() {
        User user = createUser(client, "Byte For Byte", uniqueEmail("bytes"));
        byte[] miss = body(user.id());
        byte[] hit = body(user.id());
        assertThat(new String(hit, StandardCharsets.UTF_8)).isEqualTo(new String(miss, StandardCharsets.UTF_8))
            .startsWith("{\"id\":" + user.id() + ",\"name\":\"Byte For Byte\",");

        // What Redis holds is what a hit answers: an entry put there directly shows
        // through.
        StepVerifier
            .create(repository.findById(user.id())
                .map(row -> new CachedUser(row.id(), "Set In Redis", row.email(), row.createdAt(), row.version() + 1,
                        false))
                .flatMap(cache::put))
            .expectNext(true)
            .verifyComplete();
        get(user.id()).value(read -> assertThat(read.name()).isEqualTo("Set In Redis"));
    }

    @Test
    void aReaderThatLoadedTheRowBeforeAnUpdateCannotPutTheOldRowBack() {
        Mono<Entry> afterRace = users.create(new UserCreate("Before Update", uniqueEmail("late-update")))
            .flatMap(user -> repository.findById(user.id())
                .flatMap(rowReadBeforeUpdate -> users.update(user.id(), new UserUpdate("After Update", null))
                    .then(cache.put(CachedUser.of(rowReadBeforeUpdate))))
                .then(cached(user.id())));

        StepVerifier.create(afterRace).assertNext(entry -> {
            assertThat(entry.json().get("name").asString()).isEqualTo("After Update");
            assertThat(entry.json().get("version").asLong()).isEqualTo(1);
        }).verifyComplete();
    }

    @Test
    void aReaderThatLoadedTheRowBeforeADeleteCannotBringTheUserBack() {
        Mono<Long> deletedThenRaced = users.create(new UserCreate("Before Delete", uniqueEmail("late-delete")))
            .flatMap(user -> repository.findById(user.id())
                .flatMap(rowReadBeforeDelete -> users.delete(user.id())
                    .then(cache.put(CachedUser.of(rowReadBeforeDelete))))
                .thenReturn(user.id()));

        StepVerifier.create(deletedThenRaced.flatMap(id -> cached(id).zipWith(users.find(id)
            .map(user -> "found")
            .onErrorResume(ResourceNotFoundException.class, ex -> Mono.just("not found"))))).assertNext(result -> {
                assertThat(result.getT1().json().get("deleted").asBoolean()).isTrue();
                assertThat(result.getT2()).isEqualTo("not found");
            }).verifyComplete();
    }

    @Test
    void anUpdateRecordsWhatTheCacheOwesInTheSameStatementAndTheWriterSettlesIt() {
        User user = createUser(client, "Owed", uniqueEmail("owed"));
        StepVerifier.create(outboxVersion(user.id())).verifyComplete();

        // The record is in PostgreSQL as soon as the row is: the statement wrote both.
        StepVerifier.create(repository.update(user.id(), "Owed Once", null).then(outboxVersion(user.id())))
            .expectNext(1L)
            .verifyComplete();
        // A writer whose put reached Redis settles it (in the next batch), before any
        // sweep would put it again.
        client.put()
            .uri("/users/{id}", user.id())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Owed Twice"))
            .exchange()
            .expectStatus()
            .isOk();
        StepVerifier
            .create(Flux.interval(Duration.ofMillis(50))
                .onBackpressureDrop()
                .concatMap(tick -> outboxVersion(user.id()).defaultIfEmpty(-1L))
                .filter(version -> version == -1L)
                .next()
                .timeout(Duration.ofSeconds(2)))
            .expectNext(-1L)
            .verifyComplete();
    }

    @Test
    void anUpdateWhoseWriterDiedAfterItsCommitReachesTheCacheWithinTwoSeconds() {
        User user = createUser(client, "Before Crash", uniqueEmail("crashed-update"));
        get(user.id()).isEqualTo(user);

        // The writer's statement commits, then the writer is gone: no put, no settle.
        StepVerifier.create(repository.update(user.id(), "After Crash", null)).expectNextCount(1).verifyComplete();

        StepVerifier.create(cachedWithin(user.id(), json -> json.contains("After Crash"), Duration.ofSeconds(2)))
            .expectNextCount(1)
            .verifyComplete();
        get(user.id()).value(read -> assertThat(read.name()).isEqualTo("After Crash"));
    }

    @Test
    void aDeleteWhoseWriterDiedAfterItsCommitReachesTheCacheWithinTwoSeconds() {
        User user = createUser(client, "Deleted Then Crashed", uniqueEmail("crashed-delete"));
        get(user.id()).isEqualTo(user);

        StepVerifier.create(repository.delete(user.id())).expectNextCount(1).verifyComplete();

        StepVerifier.create(cachedWithin(user.id(), json -> json.contains("\"deleted\":true"), Duration.ofSeconds(2)))
            .expectNextCount(1)
            .verifyComplete();
        client.get().uri("/users/{id}", user.id()).exchange().expectStatus().isNotFound();
    }

    @Test
    void cacheWritesArrivingOutOfOrderLeaveTheNewestEntry() {
        long id = Long.MAX_VALUE - System.nanoTime() % 1_000_000;
        CachedUser first = new CachedUser(id, "First", "f@example.com", null, 1, false);
        CachedUser second = new CachedUser(id, "Second", "f@example.com", null, 2, false);

        Mono<User> outOfOrder = cache.put(second)
            .then(cache.put(first))
            .then(cache.get(id))
            .map(json -> JsonMapper.shared().readValue(json, User.class));
        Mono<String> afterTombstone = cache.put(CachedUser.tombstone(id, 2))
            .then(cache.put(second))
            .then(redis.opsForValue().get(cacheKey(id)));

        StepVerifier.create(outOfOrder)
            .assertNext(entry -> assertThat(entry.name()).isEqualTo("Second"))
            .verifyComplete();
        StepVerifier.create(afterTombstone)
            .assertNext(json -> assertThat(json).isEqualTo("{\"id\":" + id + ",\"version\":3,\"deleted\":true}"))
            .verifyComplete();
    }

    @Test
    void everyReadIssuedAfterAnUpdateReturnedSeesThatUpdateOrANewerOne() {
        User user = createUser(client, "Version 0", uniqueEmail("read-your-writes"));
        WebClient http = WebClient.create("http://localhost:" + port);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);

        Flux<int[]> writes = Flux.range(1, 50)
            .concatMap(version -> http.put()
                .uri("/users/{id}", user.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Version " + version))
                .retrieve()
                .bodyToMono(User.class)
                .doOnNext(updated -> acknowledged.set(version)))
            .doFinally(signal -> writing.set(false))
            .thenMany(Flux.empty());
        Flux<int[]> reads = Flux.range(0, 4).flatMap(reader -> Mono.defer(() -> {
            int floor = acknowledged.get();
            return http.get()
                .uri("/users/{id}", user.id())
                .retrieve()
                .bodyToMono(User.class)
                .map(read -> new int[] { floor, version(read) });
        }).repeat(writing::get));

        StepVerifier.create(Flux.merge(writes, reads).collectList()).assertNext(observations -> {
            assertThat(observations).hasSizeGreaterThan(50);
            assertThat(observations)
                .allSatisfy(seen -> assertThat(seen[1]).as("a read issued after update %d returned", seen[0])
                    .isGreaterThanOrEqualTo(seen[0]));
        }).verifyComplete();
        get(user.id()).value(read -> assertThat(read.name()).isEqualTo("Version 50"));
    }

    private WebTestClient.BodySpec<User, ?> get(long id) {
        return client.get().uri("/users/{id}", id).exchange().expectStatus().isOk().expectBody(User.class);
    }

    private byte[] body(long id) {
        return client.get()
            .uri("/users/{id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.APPLICATION_JSON)
            .expectBody()
            .returnResult()
            .getResponseBodyContent();
    }

    /** What {@code redis-cli GET user:{id}} and {@code redis-cli PTTL user:{id}} show. */
    private Mono<Entry> cached(long id) {
        String key = cacheKey(id);
        return redis.opsForValue()
            .get(key)
            .zipWith(redis.getExpire(key))
            .map(entry -> new Entry(JsonMapper.shared().readTree(entry.getT1()), entry.getT2()));
    }

    private Mono<Long> outboxVersion(long id) {
        return database.sql("SELECT version FROM user_cache_outbox WHERE user_id = :id")
            .bind("id", id)
            .map(row -> row.get("version", Long.class))
            .one();
    }

    /**
     * Polls {@code redis-cli GET user:{id}} until it matches, for at most {@code limit}.
     */
    private Mono<String> cachedWithin(long id, Predicate<String> matches, Duration limit) {
        return Flux.interval(Duration.ZERO, Duration.ofMillis(50))
            .onBackpressureDrop()
            .concatMap(tick -> redis.opsForValue().get(cacheKey(id)))
            .filter(matches)
            .next()
            .timeout(limit);
    }

    private double count(String result) {
        return meters.get("cache.requests").tags("cache", "users", "result", result).counter().count();
    }

    private static int version(User user) {
        return Integer.parseInt(user.name().substring("Version ".length()));
    }

    private static int position(String log, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(log);
        return matcher.find() ? matcher.start() : -1;
    }

    private record Entry(JsonNode json, Duration ttl) {
    }

    /** The key docs/cache-aside.md names. */
    private static String cacheKey(long id) {
        return "user:" + id;
    }

}
