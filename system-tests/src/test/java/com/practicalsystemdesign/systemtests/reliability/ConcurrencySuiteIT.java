package com.practicalsystemdesign.systemtests.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;

import static com.practicalsystemdesign.systemtests.reliability.Load.pause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The concurrency suite: races through the gateway of the local run, each ending in
 * exactly the state the answers describe, checked in the stores themselves.
 */
class ConcurrencySuiteIT extends ReliabilitySuite {

    private static final String READ_AFTER_DELETE = "read after delete";

    /**
     * DynamoDB limits that outlast a DynamoDB Local slowed by these races on a busy
     * machine, and still end within the gateway's 10 s: a 503 leaves a write's fate
     * unknown, and this suite judges what the answers say.
     */
    private static final Map<String, String> PATIENT_DYNAMODB_CLIENT = Map.of("DYNAMODB_CLIENT_APICALLATTEMPTTIMEOUT",
            "4s", "DYNAMODB_CLIENT_APICALLTIMEOUT", "8s");

    private static final AtomicInteger racesWon = new AtomicInteger();

    private static final AtomicLong requests = new AtomicLong();

    private static final AtomicLong serverErrors = new AtomicLong();

    private static final AtomicLong staleReads = new AtomicLong();

    private static final AtomicLong orphans = new AtomicLong();

    @BeforeAll
    static void chatServiceWaitsForABusyDynamoDb() {
        stack.restart("chat-service", PATIENT_DYNAMODB_CLIENT);
    }

    @AfterAll
    static void chatServiceBackToItsOwnLimits() {
        stack.restartWithout("chat-service", PATIENT_DYNAMODB_CLIENT.keySet());
    }

    @AfterAll
    static void summary() {
        System.out.printf(
                "concurrency suite: %d of 4 races ended as their answers say, %d requests sent, %d 5xx, "
                        + "%d stale reads, %d orphans in the GSI %s%n",
                racesWon.get(), requests.get(), serverErrors.get(), staleReads.get(), orphans.get(),
                ChatTables.PARTICIPANT_INDEX);
    }

    @Test
    void duplicateEmailRacesHaveExactlyOneWinnerEach() {
        for (int round = 0; round < 4; round++) {
            String email = "race-" + UUID.randomUUID() + "@example.com";

            List<Reply> replies = race(32, attempt -> untilDecided(() -> gateway.post("/api/users", "{\"name\":\"Racer "
                    + attempt + "\",\"email\":\"" + (attempt % 2 == 0 ? email : email.toUpperCase()) + "\"}")));

            assertThat(replies).extracting(Reply::status).containsOnly(201, 409);
            assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(1);
            assertThat(replies).filteredOn(reply -> reply.status() == 409)
                .allSatisfy(reply -> assertThat(reply.contentType()).startsWith("application/problem+json"));
            assertThat(
                    stack.postgres.queryLong("SELECT count(*) FROM users WHERE lower(email) = lower('" + email + "')"))
                .isOne();
        }
        racesWon.incrementAndGet();
    }

    @Test
    void everyReadSeesEveryWriteAcknowledgedBeforeItStartedAndNoReadSeesADeletedUser() {
        List<Long> ids = UserWorkload.createUsers(gateway, 8, "read-your-writes");
        UserWorkload users = new UserWorkload(gateway, ids, 8, 0.4, 0.0);

        Load.Samples samples = Load.start(8, users).stopAfter(Duration.ofSeconds(8));

        count(samples);
        staleReads.addAndGet(users.staleReads().size());
        assertThat(samples.failed()).isEmpty();
        assertThat(users.staleReads()).isEmpty();
        assertThat(users.lostWrites(stack.postgres)).isEmpty();

        Set<Long> deleted = ConcurrentHashMap.newKeySet();
        Load readers = Load.start(8, (worker, load) -> readMaybeDeleted(ids, deleted, load));
        for (long id : ids) {
            pause(Duration.ofMillis(150));
            assertThat(gateway.delete("/api/users/" + id).status()).isEqualTo(200);
            deleted.add(id);
        }
        await("a read of a deleted user answered").atMost(Duration.ofMinutes(1))
            .until(() -> readers.count(sample -> sample.kind().equals(READ_AFTER_DELETE)) > 0);
        Load.Samples reads = readers.stopAfter(Duration.ofMillis(500));

        count(reads);
        List<Load.Sample> readsOfDeletedUsers = reads
            .matching(sample -> sample.kind().equals(READ_AFTER_DELETE) && sample.status() != 404);
        staleReads.addAndGet(readsOfDeletedUsers.size());
        assertThat(readsOfDeletedUsers).as("reads that started after a DELETE returned and still found the user")
            .isEmpty();
        assertThat(reads.matching(sample -> sample.status() != 200 && sample.status() != 404)).isEmpty();
        assertThat(reads.matching(sample -> sample.kind().equals(READ_AFTER_DELETE))).isNotEmpty();
        racesWon.incrementAndGet();
    }

    @Test
    void concurrentParticipantAddsAndRemovesEndInTheStateTheirAnswersDescribe() {
        String chat = createChat("Adds and removes");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> first = IntStream.range(0, 40).mapToObj(i -> "first-" + run + "-" + i).toList();

        List<Reply> adds = race(16, attempt -> addParticipants(chat, sample(first, 10)));
        List<String> reported = addedIds(adds);
        List<String> requested = new ArrayList<>(new HashSet<>(reported));
        assertThat(reported).as("each id reported added exactly once").doesNotHaveDuplicates();

        List<String> removed = requested.subList(0, 8);
        List<String> joining = IntStream.range(0, 8).mapToObj(i -> "second-" + run + "-" + i).toList();
        List<Reply> mixed = race(3 * removed.size() + 2 * joining.size(), attempt -> {
            if (attempt < 3 * removed.size()) {
                return gateway.delete("/api/chats/" + chat + "/participants/" + removed.get(attempt % removed.size()));
            }
            return addParticipants(chat, List.of(joining.get(attempt % joining.size())));
        });

        Map<Integer, Long> statuses = mixed.stream()
            .collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
        assertThat(statuses).as("answers by status")
            .containsOnlyKeys(200, 201, 404)
            .containsEntry(200, (long) removed.size())
            .containsEntry(404, 2L * removed.size())
            .containsEntry(201, 2L * joining.size());
        assertThat(addedIds(mixed)).containsExactlyInAnyOrderElementsOf(joining);
        Set<String> expected = new HashSet<>(requested);
        removed.forEach(expected::remove);
        expected.addAll(joining);
        assertThat(stack.chatTables.participantsOf(chat)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(gateway.get("/api/chats/" + chat)
            .json()
            .get("participants")
            .valueStream()
            .map(participant -> participant.get("participant_id").asString()))
            .containsExactlyInAnyOrderElementsOf(expected);
        await("the GSI agrees with the table").atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(stack.chatTables.indexEntriesOf(chat))
                .containsExactlyInAnyOrderElementsOf(expected));
        racesWon.incrementAndGet();
    }

    @Test
    void deletingAChatWhileParticipantsJoinItLeavesNoOrphanInTheIndex() {
        for (int round = 0; round < 4; round++) {
            String chat = createChat("Deleted while joining " + round);
            String run = UUID.randomUUID().toString().substring(0, 8);
            addParticipants(chat, IntStream.range(0, 30).mapToObj(i -> "early-" + run + "-" + i).toList());
            AtomicInteger next = new AtomicInteger();

            Load joiners = Load.start(4, (worker, load) -> load.send("join", () -> addParticipants(chat, List
                .of("late-" + run + "-" + next.incrementAndGet(), "late-" + run + "-" + next.incrementAndGet()))));
            await("a join answered before the delete").atMost(Duration.ofMinutes(1))
                .until(() -> joiners.count(sample -> sample.status() == 201) > 0);
            List<Reply> deletes = race(2, attempt -> untilDecided(() -> gateway.delete("/api/chats/" + chat)));
            await("a join answered after the delete").atMost(Duration.ofMinutes(1))
                .until(() -> joiners.count(sample -> sample.status() == 404) > 0);
            Load.Samples joins = joiners.stop();

            count(joins);
            assertThat(deletes).extracting(Reply::status).containsOnlyOnce(200).isSubsetOf(200, 404);
            // A join may still get a 503 if DynamoDB Local outlasts even the patient
            // limits; whether such a join was written or not, nothing of it may outlive
            // the chat.
            assertThat(joins.matching(sample -> sample.status() != 201 && sample.status() != 404
                    && !(sample.status() == 503 && sample.contentType().startsWith("application/problem+json"))))
                .as("answers to joins other than 201, 404 or a 503 problem")
                .isEmpty();
            assertThat(joins.matching(sample -> sample.status() == 201)).as("joins before the delete").isNotEmpty();
            assertThat(joins.matching(sample -> sample.status() == 404)).as("joins after the delete").isNotEmpty();
            assertThat(gateway.get("/api/chats/" + chat).status()).isEqualTo(404);
            assertThat(stack.chatTables.chatExists(chat)).isFalse();
            assertThat(stack.chatTables.participantsOf(chat)).as("participants left in the table").isEmpty();
            Set<String> left = stack.chatTables.indexEntriesOf(chat);
            orphans.addAndGet(left.size());
            assertThat(left).as("participants of the deleted chat still in " + ChatTables.PARTICIPANT_INDEX).isEmpty();
        }
        racesWon.incrementAndGet();
    }

    /**
     * Repeats a request that answered 503 ("retry shortly"), as a client should, until it
     * is decided (or a minute has passed): on a busy machine a store may take longer than
     * a service's budget.
     */
    private static Reply untilDecided(Supplier<Reply> request) {
        long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Reply reply = request.get();
        while (reply.status() == 503 && System.nanoTime() < giveUp) {
            requests.incrementAndGet();
            serverErrors.incrementAndGet();
            pause(Duration.ofMillis(200));
            reply = request.get();
        }
        return reply;
    }

    /** A read that knows whether the user's DELETE had returned before it started. */
    private static void readMaybeDeleted(List<Long> ids, Set<Long> deleted, Load load) {
        long id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        load.send(deleted.contains(id) ? READ_AFTER_DELETE : UserWorkload.READ, () -> gateway.get("/api/users/" + id));
    }

    /**
     * Sends {@code count} requests from as many threads, released together, and returns
     * every answer.
     */
    private static List<Reply> race(int count, IntFunction<Reply> request) {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Reply> replies = Collections.synchronizedList(new ArrayList<>());
        for (int attempt = 0; attempt < count; attempt++) {
            int index = attempt;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
                replies.add(request.apply(index));
            }));
        }
        start.countDown();
        threads.forEach(thread -> {
            try {
                thread.join(Duration.ofSeconds(30));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        requests.addAndGet(count);
        serverErrors.addAndGet(replies.stream().filter(reply -> reply.status() >= 500).count());
        assertThat(replies).as("answers to a race of " + count).hasSize(count);
        return List.copyOf(replies);
    }

    private static void count(Load.Samples samples) {
        requests.addAndGet(samples.count());
        serverErrors.addAndGet(samples.serverErrors());
    }

    private static String createChat(String name) {
        Reply created = gateway.post("/api/chats", "{\"name\":\"" + name + "\"}");
        requests.incrementAndGet();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static Reply addParticipants(String chat, List<String> ids) {
        String list = ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        return gateway.post("/api/chats/" + chat + "/participants", "{\"participant_ids\":[" + list + "]}");
    }

    private static List<String> addedIds(List<Reply> replies) {
        return replies.stream()
            .filter(reply -> reply.status() == 201)
            .flatMap(reply -> reply.json().valueStream())
            .map(participant -> participant.get("participant_id").asString())
            .toList();
    }

    private static List<String> sample(List<String> ids, int size) {
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled);
        return shuffled.subList(0, size);
    }

}
