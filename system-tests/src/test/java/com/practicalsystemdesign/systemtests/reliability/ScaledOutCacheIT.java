package com.practicalsystemdesign.systemtests.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.practicalsystemdesign.common.testing.TcpProxy;
import com.practicalsystemdesign.common.testing.Tool;
import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache-aside scaled out: two user-service instances on one PostgreSQL and one Redis,
 * the local run's (B, 127.0.0.1) and a {@link UserServiceReplica} (A, 127.0.0.2) whose
 * Redis link goes through a {@link TcpProxy}, both behind a {@link BalancingGateway}.
 * After a write that A acknowledged while it could not reach Redis, or after A died, B
 * (directly and through the gateways) serves the new state within two seconds and never
 * the old one again; while A reaches Redis, every instance reads its writes at once
 * (docs/cache-consistency.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaledOutCacheIT extends ReliabilitySuite {

    private static final Duration BOUND = Duration.ofSeconds(2);

    private static TcpProxy redisOfA;

    private static UserServiceReplica replicaA;

    private static BalancingGateway balancer;

    private static Gateway instanceA;

    private static Gateway instanceB;

    private static final List<String> staleness = new ArrayList<>();

    @BeforeAll
    static void startTheSecondInstance() {
        redisOfA = TcpProxy.to("127.0.0.1",
                Integer.parseInt(stack.run.setting("REDIS_URL").replaceAll(".*:(\\d+)/\\d+$", "$1")));
        replicaA = UserServiceReplica.start(stack.run, ReliabilityStack.DIR.resolve("scaled-out-replica.log"),
                Map.of("REDIS_URL", "redis://127.0.0.1:" + redisOfA.port() + "/0"));
        instanceA = UserServiceReplica.direct(stack.run);
        instanceB = new Gateway("http://127.0.0.1:" + stack.run.setting("USER_SERVICE_PORT"));
        // The balancing gateway needs root (a mount namespace); .ci/run has it, so CI
        // always reads through it.
        if (Tool.ROOT.isPresent()) {
            balancer = BalancingGateway.start(stack.run, ReliabilityStack.DIR.resolve("scaled-out-balancer"));
        }
    }

    @AfterEach
    void reconnectA() {
        redisOfA.forward();
    }

    @AfterAll
    static void stopTheSecondInstance() {
        System.out.println("ScaledOutCacheIT: every reader fresh after " + String.join(", ", staleness));
        if (balancer != null) {
            balancer.close();
        }
        replicaA.close();
        redisOfA.close();
    }

    @Test
    @Order(1)
    void whileBothReachRedisEveryInstanceReadsAWriteAtOnce() {
        for (Gateway writer : List.of(instanceA, instanceB, gateway)) {
            long id = createThroughB("Before");
            cacheEverywhere(id);
            assertThat(writer.put(path(writer, id), "{\"name\":\"After\"}").status()).isEqualTo(200);
            for (Gateway reader : readersOfBoth()) {
                assertThat(name(reader, id)).as("read after the PUT returned, via " + reader).isEqualTo("After");
            }
            assertThat(writer.delete(path(writer, id)).status()).isEqualTo(200);
            for (Gateway reader : readersOfBoth()) {
                assertThat(reader.get(path(reader, id)).status()).as("read after the DELETE returned").isEqualTo(404);
            }
        }
    }

    @Test
    @Order(2)
    void anUpdateAcknowledgedByAPartitionedWriterReachesTheOtherInstanceWithinTwoSeconds() {
        long id = createThroughB("Old Name");
        cacheEverywhere(id);
        redisOfA.refuse();

        Reply put = instanceA.put("/users/" + id, "{\"name\":\"New Name\"}");
        long acknowledged = System.nanoTime();

        assertThat(put.status()).isEqualTo(200);
        assertThat(name(instanceA, id)).as("the writer reads its own write").isEqualTo("New Name");
        staleAtMostTheBound(acknowledged, reader -> "New Name".equals(name(reader, id)));
    }

    @Test
    @Order(3)
    void aDeleteAcknowledgedByAPartitionedWriterReachesTheOtherInstanceWithinTwoSeconds() {
        long id = createThroughB("Soon Deleted");
        cacheEverywhere(id);
        redisOfA.hang();

        Reply delete = instanceA.delete("/users/" + id);
        long acknowledged = System.nanoTime();

        assertThat(delete.status()).isEqualTo(200);
        assertThat(instanceA.get("/users/" + id).status()).as("the writer reads its own delete").isEqualTo(404);
        staleAtMostTheBound(acknowledged, reader -> reader.get(path(reader, id)).status() == 404);
    }

    @Test
    @Order(4)
    void anUpdateOfAWriterThatDiedBeforeReachingRedisReachesTheOtherInstanceWithinTwoSeconds() {
        long id = createThroughB("Before The Crash");
        cacheEverywhere(id);
        redisOfA.refuse();

        Reply put = instanceA.put("/users/" + id, "{\"name\":\"After The Crash\"}");
        long acknowledged = System.nanoTime();
        replicaA.kill();
        redisOfA.forward();

        assertThat(put.status()).isEqualTo(200);
        staleAtMostTheBound(acknowledged, reader -> "After The Crash".equals(name(reader, id)));
        assertThat(stack.redis.cachedUsers(List.of(id)).get(id)).as("user:" + id + " in Redis")
            .contains("After The Crash");
    }

    /**
     * Polls B (directly, through the local run's gateway, and through the balancer) until
     * each shows the new state, which must happen within {@link #BOUND} of the
     * acknowledgement; after that, ten more reads of each for a second must all show it
     * too.
     */
    private static void staleAtMostTheBound(long acknowledged, Predicate<Gateway> fresh) {
        List<Gateway> readers = new ArrayList<>(List.of(instanceB, gateway));
        if (balancer != null) {
            readers.add(balancer.client());
        }
        for (Gateway reader : readers) {
            while (!fresh.test(reader)) {
                assertThat(Duration.ofNanos(System.nanoTime() - acknowledged))
                    .as("stale reads of " + reader + " so far")
                    .isLessThan(BOUND);
                Load.pause(Duration.ofMillis(20));
            }
        }
        Duration stale = Duration.ofNanos(System.nanoTime() - acknowledged);
        assertThat(stale).as("time until every reader was fresh").isLessThan(BOUND);
        staleness.add(stale.toMillis() + " ms");
        for (int i = 0; i < 10; i++) {
            for (Gateway reader : readers) {
                assertThat(fresh.test(reader)).as("read " + i + " of " + reader + " after it was fresh").isTrue();
            }
            Load.pause(Duration.ofMillis(100));
        }
    }

    private static long createThroughB(String name) {
        Reply created = gateway.post("/api/users",
                "{\"name\":\"" + name + "\",\"email\":\"scaled-" + UUID.randomUUID() + "@example.com\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /**
     * Every instance has read the user, so Redis holds it and a stale entry is possible.
     */
    private static void cacheEverywhere(long id) {
        for (Gateway reader : readersOfBoth()) {
            assertThat(reader.get(path(reader, id)).status()).isEqualTo(200);
        }
        assertThat(stack.redis.cachedUsers(List.of(id))).containsKey(id);
    }

    private static List<Gateway> readersOfBoth() {
        return balancer == null ? List.of(instanceA, instanceB, gateway)
                : List.of(instanceA, instanceB, gateway, balancer.client());
    }

    private static String name(Gateway reader, long id) {
        Reply read = reader.get(path(reader, id));
        return read.status() == 200 ? read.json().get("name").asString() : "status " + read.status();
    }

    /** The instances are reached on their own paths, the gateways under /api. */
    private static String path(Gateway target, long id) {
        return (target == instanceA || target == instanceB ? "" : "/api") + "/users/" + id;
    }

}
