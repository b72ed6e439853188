package com.practicalsystemdesign.chatservice.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import com.practicalsystemdesign.chatservice.table.ChatTablesProperties;
import com.practicalsystemdesign.common.model.Chat;
import com.practicalsystemdesign.common.model.ChatParticipant;
import com.practicalsystemdesign.common.store.StoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ChatRepository} does when DynamoDB asks it to try again (unprocessed
 * BatchGetItem keys and BatchWriteItem deletes, cancelled transactions, conflicting
 * updates): retry after a backoff, give up after {@link Backoff#MAX_RETRIES} with a 503,
 * and stop as soon as the request is cancelled. DynamoDB's answers are stated by each
 * test ({@link ScriptedDynamoDb}); time is virtual. ChatsOfParticipantIT and
 * ParticipantConcurrencyIT cover the same paths on DynamoDB Local.
 */
class ChatRepositoryRetryTests {

    private static final String CHATS = "Chats";

    private static final String PARTICIPANTS = "ChatParticipants";

    private static final Instant CREATED_AT = Instant.parse("2026-11-25T06:17:01.123Z");

    /** Half of every step of the backoff: no retry can have happened sooner. */
    private static final Duration SHORTEST_WAIT_FOR_EVERY_RETRY = Duration.ofMillis(10 + 20 + 40 + 80 + 160 + 320 * 3);

    private final ScriptedDynamoDb dynamoDb = new ScriptedDynamoDb();

    private final ChatRepository repository = new ChatRepository(dynamoDb,
            DynamoDbEnhancedAsyncClient.builder().dynamoDbClient(dynamoDb).build(),
            new ChatTablesProperties(CHATS, PARTICIPANTS, false, Duration.ofSeconds(60), null));

    @Test
    void unprocessedKeysAreAskedForAgainAfterABackoffUntilEveryChatArrived() {
        participantOf("chat-a", "chat-b", "chat-c");
        dynamoDb.answerBatchGet(request -> dynamoDb.batchGets.size() == 1
                ? answer(List.of("chat-a"), List.of("chat-b", "chat-c")) : answer(requestedIds(request), List.of()));

        StepVerifier.withVirtualTime(() -> repository.findChatsOf("user-1").map(Chat::id))
            .expectNext("chat-a")
            .expectNoEvent(Duration.ofMillis(9))
            .then(() -> assertThat(dynamoDb.batchGets).as("no retry before the first wait").hasSize(1))
            .thenAwait(Duration.ofMillis(20))
            .expectNext("chat-b", "chat-c")
            .verifyComplete();

        assertThat(dynamoDb.batchGets).hasSize(2);
        assertThat(requestedIds(dynamoDb.batchGets.get(1))).as("only the unprocessed keys are asked again")
            .containsExactly("chat-b", "chat-c");
        assertThat(dynamoDb.batchGets.get(1).requestItems().get(CHATS).consistentRead()).isTrue();
    }

    @Test
    void keysStillUnprocessedAfterEightRetriesFailTheRequestAsDynamoDbUnavailable() {
        participantOf("chat-a", "chat-b");
        dynamoDb.answerBatchGet(request -> answer(List.of(), requestedIds(request)));

        StepVerifier.withVirtualTime(() -> repository.findChatsOf("user-1"))
            .expectSubscription()
            .expectNoEvent(SHORTEST_WAIT_FOR_EVERY_RETRY.minusMillis(1))
            .thenAwait(Duration.ofSeconds(3))
            .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("DynamoDB"))
            .verify();
        assertThat(dynamoDb.batchGets).hasSize(Backoff.MAX_RETRIES + 1);
    }

    @Test
    void aCancelledReadStopsAskingForUnprocessedKeys() {
        participantOf("chat-a");
        dynamoDb.answerBatchGet(request -> answer(List.of(), requestedIds(request)));
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        try {
            Disposable read = repository.findChatsOf("user-1").subscribe(chat -> {
            }, error -> {
            });
            time.advanceTimeBy(Duration.ofMillis(100));
            int asked = dynamoDb.batchGets.size();

            read.dispose();
            time.advanceTimeBy(Duration.ofSeconds(10));

            assertThat(asked).isGreaterThan(1);
            assertThat(dynamoDb.batchGets).hasSize(asked);
        }
        finally {
            VirtualTimeScheduler.reset();
        }
    }

    @Test
    void anUnreachableDynamoDbIsA503AtOnceWithoutRetriesOfItsOwn() {
        participantOf("chat-a");
        dynamoDb.answerBatchGet(request -> CompletableFuture
            .failedFuture(SdkClientException.create("Unable to execute HTTP request: Connection refused")));

        StepVerifier.withVirtualTime(() -> repository.findChatsOf("user-1"))
            .expectError(StoreUnavailableException.class)
            .verify(Duration.ofSeconds(5));
        assertThat(dynamoDb.batchGets).hasSize(1);
    }

    @Test
    void everyPageOfTheIndexIsReadAndItsChatsAreFetchedAHundredKeysAtATimeSkippingDeletedOnes() {
        List<String> chatIds = IntStream.range(0, 150).mapToObj(i -> "chat-%03d".formatted(i)).toList();
        dynamoDb.answerQuery(request -> request.hasExclusiveStartKey() ? page(chatIds.subList(80, 150), null)
                : page(chatIds.subList(0, 80), chatIds.get(79)));
        dynamoDb.answerBatchGet(request -> {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (String id : requestedIds(request)) {
                if (!id.equals("chat-007")) {
                    items.add(chatItem(id, id.equals("chat-042")));
                }
            }
            return CompletableFuture
                .completedFuture(BatchGetItemResponse.builder().responses(Map.of(CHATS, items)).build());
        });

        StepVerifier.create(repository.findChatsOf("user-1").map(Chat::id).collectList())
            .assertNext(found -> assertThat(found).hasSize(148).doesNotContain("chat-007", "chat-042"))
            .verifyComplete();
        assertThat(dynamoDb.queries).hasSize(2);
        assertThat(dynamoDb.batchGets).extracting(request -> requestedIds(request).size())
            .containsExactlyInAnyOrder(100, 50);
    }

    @Test
    void unprocessedParticipantDeletesAreSentAgainAfterABackoffUntilAllAreGone() {
        List<String> participantIds = IntStream.range(0, 30).mapToObj(i -> "user-%02d".formatted(i)).toList();
        dynamoDb.answerQuery(request -> QueryResponse.builder()
            .items(participantIds.stream()
                .map(id -> ParticipantItem.SCHEMA.itemToMap(ParticipantItem.of("chat-a", id, CREATED_AT), true))
                .toList())
            .build());
        dynamoDb.answerBatchWrite(request -> {
            List<WriteRequest> deletes = request.requestItems().get(PARTICIPANTS);
            boolean firstOfTheFullBatch = deletes.size() == 25 && dynamoDb.batchWrites.stream()
                .filter(sent -> sent.requestItems().get(PARTICIPANTS).size() == 25)
                .count() == 1;
            BatchWriteItemResponse.Builder response = BatchWriteItemResponse.builder();
            if (firstOfTheFullBatch) {
                response.unprocessedItems(Map.of(PARTICIPANTS, deletes.subList(20, 25)));
            }
            return CompletableFuture.completedFuture(response.build());
        });

        StepVerifier.withVirtualTime(() -> repository.deleteParticipants("chat-a"))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(9))
            .then(() -> assertThat(dynamoDb.batchWrites).as("25 and 5, no retry yet").hasSize(2))
            .thenAwait(Duration.ofMillis(20))
            .expectNext(30L)
            .verifyComplete();
        assertThat(dynamoDb.batchWrites).hasSize(3);
        assertThat(deletedIds(dynamoDb.batchWrites.get(2))).as("only the unprocessed deletes are sent again")
            .containsExactlyElementsOf(participantIds.subList(20, 25));
    }

    @Test
    void aMarkThatConflictsWithATransactionIsRetriedAfterABackoff() {
        dynamoDb.answerUpdate(request -> dynamoDb.updates.size() <= 2
                ? CompletableFuture.failedFuture(TransactionConflictException.builder().message("conflict").build())
                : CompletableFuture.completedFuture(UpdateItemResponse.builder().build()));

        StepVerifier.withVirtualTime(() -> repository.markDeleting("chat-a"))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(19))
            .thenAwait(Duration.ofSeconds(1))
            .expectNext(true)
            .verifyComplete();
        assertThat(dynamoDb.updates).hasSize(3);
    }

    @Test
    void markingAChatThatDoesNotExistIsFalseWithoutRetry() {
        dynamoDb.answerUpdate(request -> CompletableFuture
            .failedFuture(ConditionalCheckFailedException.builder().message("The conditional request failed").build()));

        StepVerifier.withVirtualTime(() -> repository.markDeleting("chat-a")).expectNext(false).verifyComplete();
        assertThat(dynamoDb.updates).hasSize(1);
    }

    @Test
    void idsAlreadyPresentAreDroppedAndTheRestIsWrittenAtOnce() {
        dynamoDb.answerTransaction(request -> dynamoDb.transactions.size() == 1
                ? cancelled("None", "ConditionalCheckFailed", "None") : committed());

        StepVerifier
            .withVirtualTime(() -> repository.addParticipants("chat-a", List.of("user-1", "user-2"), CREATED_AT))
            .assertNext(added -> assertThat(added).extracting(ChatParticipant::participantId).containsExactly("user-2"))
            .verifyComplete();
        assertThat(dynamoDb.transactions).hasSize(2);
        assertThat(putIds(dynamoDb.transactions.get(1))).containsExactly("user-2");
    }

    @Test
    void aConflictingAddIsRetriedAfterABackoffWithTheIdsStillAbsent() {
        dynamoDb.answerTransaction(request -> dynamoDb.transactions.size() == 1
                ? cancelled("None", "TransactionConflict", "ConditionalCheckFailed", "None") : committed());

        StepVerifier
            .withVirtualTime(
                    () -> repository.addParticipants("chat-a", List.of("user-1", "user-2", "user-3"), CREATED_AT))
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(9))
            .then(() -> assertThat(dynamoDb.transactions).hasSize(1))
            .thenAwait(Duration.ofMillis(20))
            .assertNext(added -> assertThat(added).extracting(ChatParticipant::participantId)
                .containsExactly("user-1", "user-3"))
            .verifyComplete();
        assertThat(putIds(dynamoDb.transactions.get(1))).containsExactly("user-1", "user-3");
    }

    @Test
    void anAddThatKeepsConflictingFailsAsDynamoDbUnavailableAfterEightRetries() {
        dynamoDb.answerTransaction(request -> cancelled("None", "TransactionConflict"));

        StepVerifier.withVirtualTime(() -> repository.addParticipants("chat-a", List.of("user-1"), CREATED_AT))
            .expectSubscription()
            .expectNoEvent(SHORTEST_WAIT_FOR_EVERY_RETRY.minusMillis(1))
            .thenAwait(Duration.ofSeconds(3))
            .expectError(StoreUnavailableException.class)
            .verify();
        assertThat(dynamoDb.transactions).hasSize(Backoff.MAX_RETRIES + 1);
    }

    @Test
    void anAddToAChatThatIsGoneIsEmptyAndNotRetried() {
        dynamoDb.answerTransaction(request -> cancelled("ConditionalCheckFailed", "None", "None"));

        StepVerifier
            .withVirtualTime(() -> repository.addParticipants("chat-a", List.of("user-1", "user-2"), CREATED_AT))
            .verifyComplete();
        assertThat(dynamoDb.transactions).hasSize(1);
    }

    /** The participant index answers that user-1 is in these chats, on one page. */
    private void participantOf(String... chatIds) {
        dynamoDb.answerQuery(request -> page(List.of(chatIds), null));
    }

    private static QueryResponse page(List<String> chatIds, String lastChatId) {
        QueryResponse.Builder page = QueryResponse.builder()
            .items(chatIds.stream()
                .map(chatId -> ParticipantItem.SCHEMA.itemToMap(ParticipantItem.of(chatId, "user-1", CREATED_AT), true))
                .toList());
        if (lastChatId != null) {
            page.lastEvaluatedKey(Map.of(ParticipantItem.PARTICIPANT_ID, AttributeValue.fromS("user-1"),
                    ParticipantItem.CHAT_ID, AttributeValue.fromS(lastChatId)));
        }
        return page.build();
    }

    private static CompletableFuture<BatchGetItemResponse> answer(Collection<String> found,
            Collection<String> unprocessed) {
        BatchGetItemResponse.Builder response = BatchGetItemResponse.builder()
            .responses(Map.of(CHATS, found.stream().map(id -> chatItem(id, false)).toList()));
        if (!unprocessed.isEmpty()) {
            response.unprocessedKeys(Map.of(CHATS,
                    KeysAndAttributes.builder()
                        .keys(unprocessed.stream().map(id -> Map.of(ChatItem.ID, AttributeValue.fromS(id))).toList())
                        .consistentRead(true)
                        .build()));
        }
        return CompletableFuture.completedFuture(response.build());
    }

    private static Map<String, AttributeValue> chatItem(String id, boolean deleting) {
        ChatItem item = ChatItem.from(new Chat(id, "Chat " + id, Map.of(), CREATED_AT));
        item.setDeleting(deleting ? Boolean.TRUE : null);
        return ChatItem.SCHEMA.itemToMap(item, true);
    }

    private static List<String> requestedIds(BatchGetItemRequest request) {
        return request.requestItems().get(CHATS).keys().stream().map(key -> key.get(ChatItem.ID).s()).toList();
    }

    private static List<String> deletedIds(BatchWriteItemRequest request) {
        return request.requestItems()
            .get(PARTICIPANTS)
            .stream()
            .map(write -> write.deleteRequest().key().get(ParticipantItem.PARTICIPANT_ID).s())
            .toList();
    }

    private static List<String> putIds(TransactWriteItemsRequest request) {
        return request.transactItems()
            .stream()
            .filter(action -> action.put() != null)
            .map(action -> action.put().item().get(ParticipantItem.PARTICIPANT_ID).s())
            .toList();
    }

    /**
     * Cancelled with one reason per action: the chat check first, then one per
     * participant put.
     */
    private static CompletableFuture<TransactWriteItemsResponse> cancelled(String... codes) {
        List<CancellationReason> reasons = List.of(codes)
            .stream()
            .map(code -> CancellationReason.builder().code(code).build())
            .toList();
        return CompletableFuture.failedFuture(TransactionCanceledException.builder()
            .message("Transaction cancelled")
            .cancellationReasons(reasons)
            .build());
    }

    private static CompletableFuture<TransactWriteItemsResponse> committed() {
        return CompletableFuture.completedFuture(TransactWriteItemsResponse.builder().build());
    }

}
