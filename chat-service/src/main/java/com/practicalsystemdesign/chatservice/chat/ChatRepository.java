package com.practicalsystemdesign.chatservice.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import org.springframework.stereotype.Repository;

import com.practicalsystemdesign.chatservice.table.ChatTablesProperties;
import com.practicalsystemdesign.common.model.Chat;
import com.practicalsystemdesign.common.model.ChatParticipant;

import static com.practicalsystemdesign.chatservice.chat.DynamoDbCalls.BATCH_GET_KEYS;
import static com.practicalsystemdesign.chatservice.chat.DynamoDbCalls.BATCH_WRITE_ITEMS;
import static com.practicalsystemdesign.chatservice.chat.DynamoDbCalls.call;
import static com.practicalsystemdesign.chatservice.chat.DynamoDbCalls.deleteAll;
import static com.practicalsystemdesign.chatservice.chat.DynamoDbCalls.getAll;
import static com.practicalsystemdesign.chatservice.chat.DynamoDbCalls.isConflict;
import static com.practicalsystemdesign.chatservice.chat.DynamoDbCalls.items;
import static com.practicalsystemdesign.chatservice.chat.DynamoDbCalls.later;

/**
 * The two tables through the SDK's async clients: the enhanced client maps items, the
 * low-level client does what needs its raw form (the deletion mark, BatchGetItem with its
 * own retries). Every call is lazy ({@code Mono.fromFuture(() -> ...)}), never blocks,
 * and is bounded by the client's timeouts; an unreachable or failing DynamoDB becomes
 * {@link DynamoDbErrors#unavailable} (503). That plumbing, the same for every access
 * pattern (lazy calls, every page of a query, batches with their unprocessed items
 * retried), is {@link DynamoDbCalls}; what is here is the three access patterns of
 * docs/dynamodb-model.md: a chat by id, the participants of a chat, the chats of a
 * participant through the GSI.
 *
 * <h2>Adding participants: exactly once under concurrency</h2> Each participant is a
 * conditional put, {@code attribute_not_exists(participantId)}, so of any number of
 * concurrent adds of one id exactly one writes it, and only that one reports it. The puts
 * of a request share one TransactWriteItems (up to 99 puts per transaction) that also
 * holds a ConditionCheck "the chat exists and is not being deleted". One transaction per
 * request rather than one per id, because every transaction touching the chat item
 * conflicts with every other one in flight, so parallel per-id transactions would mostly
 * fight each other. When the transaction is cancelled, its reasons say why, item by item:
 * the chat check failed → the chat is gone (404); a put's condition failed → that id was
 * already present, so it is dropped and the rest is retried; a transaction conflict → the
 * rest is retried after a jittered backoff. The SDK sends a client request token, so its
 * own retry of a transaction that did commit is not mistaken for "already present".
 *
 * <h2>Deleting a chat: no participant left behind, safe to retry</h2>
 * <ol>
 * <li>Mark the chat {@code deleting} (conditional update). From here the chat is gone for
 * every reader, and every later add or remove fails its ConditionCheck. A transaction
 * still in flight on the chat item makes the mark fail with a conflict (retried), so once
 * the mark is written, every add has either committed before it or will fail.</li>
 * <li>Query all of the chat's participant keys with a strongly consistent, paginated
 * query, which therefore sees every add that committed before the mark, and delete them
 * with BatchWriteItem, 25 at a time, retrying unprocessed items with backoff.</li>
 * <li>Delete the chat item, on condition that it still exists. Concurrent deletes of one
 * chat may all do steps 1 and 2 (both repeatable); only the one whose conditional delete
 * removes the item answers 200, the others 404, as if they had come after it.</li>
 * </ol>
 * A crash or failure anywhere leaves the chat marked, invisible, and still deletable: the
 * next DELETE marks it again (a no-op) and finishes the work. No state ever has
 * participants without their chat item, so none can be orphaned in the GSI.
 *
 * <h2>Chats of a participant</h2> One query of the GSI, following LastEvaluatedKey
 * through every page, gives the chat ids; the chats are read with BatchGetItem, 100 keys
 * at a time, retrying unprocessed keys with backoff. Never a scan, never a read per chat.
 * A chat missing (the GSI is eventually consistent) or being deleted is skipped.
 */
@Repository
class ChatRepository {

    private static final int TRANSACTION_ACTIONS = 100;

    private static final int CONCURRENT_BATCHES = 4;

    private static final Expression CHAT_IS_NEW = condition("attribute_not_exists(id)");

    private static final Expression CHAT_EXISTS = condition("attribute_exists(id)");

    private static final Expression CHAT_IS_LIVE = condition("attribute_exists(id) AND attribute_not_exists(deleting)");

    private static final Expression PARTICIPANT_IS_NEW = condition("attribute_not_exists(participantId)");

    private static final Expression PARTICIPANT_EXISTS = condition("attribute_exists(participantId)");

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbAsyncClient dynamoDb;

    private final DynamoDbEnhancedAsyncClient enhanced;

    private final DynamoDbAsyncTable<ChatItem> chats;

    private final DynamoDbAsyncTable<ParticipantItem> participants;

    private final DynamoDbAsyncIndex<ParticipantItem> participantIndex;

    private final Integer queryPageSize;

    ChatRepository(DynamoDbAsyncClient dynamoDb, DynamoDbEnhancedAsyncClient enhanced, ChatTablesProperties tables) {
        this.dynamoDb = dynamoDb;
        this.enhanced = enhanced;
        this.chats = enhanced.table(tables.chats(), ChatItem.SCHEMA);
        this.participants = enhanced.table(tables.participants(), ParticipantItem.SCHEMA);
        this.participantIndex = participants.index(ParticipantItem.PARTICIPANT_INDEX);
        this.queryPageSize = tables.queryPageSize();
    }

    /** Writes a new chat; empty when its id is already taken (nothing is overwritten). */
    Mono<Chat> insert(Chat chat) {
        PutItemEnhancedRequest<ChatItem> put = PutItemEnhancedRequest.builder(ChatItem.class)
            .item(ChatItem.from(chat))
            .conditionExpression(CHAT_IS_NEW)
            .build();
        return call(() -> chats.putItem(put)).thenReturn(chat)
            .onErrorResume(ConditionalCheckFailedException.class, taken -> Mono.empty());
    }

    /**
     * The chat, strongly consistent; empty when it does not exist or is being deleted.
     */
    Mono<Chat> findChat(String chatId) {
        return call(() -> chats.getItem(get -> get.key(chatKey(chatId)).consistentRead(true)))
            .filter(item -> !item.isDeleting())
            .map(ChatItem::toChat);
    }

    /** All participants of the chat, in participant id order, every page. */
    Flux<ChatParticipant> findParticipants(String chatId) {
        QueryEnhancedRequest query = participantsQuery(chatId).build();
        return items(() -> participants.query(query)).map(ParticipantItem::toParticipant);
    }

    /**
     * Adds the participants not yet in the chat and returns exactly those; empty when the
     * chat does not exist or is being deleted.
     */
    Mono<List<ChatParticipant>> addParticipants(String chatId, List<String> participantIds, Instant joinedAt) {
        return Flux.fromIterable(participantIds)
            .map(participantId -> ParticipantItem.of(chatId, participantId, joinedAt))
            .buffer(TRANSACTION_ACTIONS - 1)
            .concatMap(chunk -> putAbsent(chatId, chunk, 0))
            .concatMapIterable(added -> added)
            .map(ParticipantItem::toParticipant)
            .collectList()
            .onErrorResume(ChatGone.class, gone -> Mono.empty());
    }

    /** Removes one participant, unless the chat or the participant is missing. */
    Mono<Removal> removeParticipant(String chatId, String participantId) {
        TransactWriteItemsEnhancedRequest transaction = TransactWriteItemsEnhancedRequest.builder()
            .addConditionCheck(chats, check -> check.key(chatKey(chatId)).conditionExpression(CHAT_IS_LIVE))
            .addDeleteItem(participants,
                    TransactDeleteItemEnhancedRequest.builder()
                        .key(ParticipantItem.key(chatId, participantId))
                        .conditionExpression(PARTICIPANT_EXISTS)
                        .build())
            .build();
        return call(() -> enhanced.transactWriteItems(transaction)).thenReturn(Removal.REMOVED)
            .onErrorResume(TransactionCanceledException.class, ChatRepository::whyNotRemoved)
            .retryWhen(Backoff.on(DynamoDbCalls::isConflict));
    }

    /**
     * Step 1 of a delete: marks the chat as being deleted; false when there is no such
     * chat. Repeatable.
     */
    Mono<Boolean> markDeleting(String chatId) {
        return call(() -> dynamoDb.updateItem(update -> update.tableName(chats.tableName())
            .key(chatItemKey(chatId))
            .updateExpression("SET #deleting = :true")
            .conditionExpression("attribute_exists(#id)")
            .expressionAttributeNames(Map.of("#deleting", ChatItem.DELETING, "#id", ChatItem.ID))
            .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))))).thenReturn(true)
            .onErrorResume(ConditionalCheckFailedException.class, missing -> Mono.just(false))
            .retryWhen(Backoff.on(DynamoDbCalls::isConflict));
    }

    /**
     * Step 2 of a delete: deletes every participant item of a marked chat; returns how
     * many.
     */
    Mono<Long> deleteParticipants(String chatId) {
        QueryEnhancedRequest keysOnly = participantsQuery(chatId)
            .attributesToProject(ParticipantItem.CHAT_ID, ParticipantItem.PARTICIPANT_ID)
            .build();
        return items(() -> participants.query(keysOnly)).map(ParticipantItem::key)
            .buffer(BATCH_WRITE_ITEMS)
            .flatMap(keys -> deleteAll(enhanced, participants, ParticipantItem.class, keys).thenReturn(keys.size()),
                    CONCURRENT_BATCHES)
            .reduce(0L, Long::sum);
    }

    /**
     * Step 3 of a delete: the chat item itself, if it is still there; false when a
     * concurrent delete of the same chat removed it first. Of any number of concurrent
     * deletes, exactly one gets true.
     */
    Mono<Boolean> deleteChat(String chatId) {
        return call(() -> chats.deleteItem(delete -> delete.key(chatKey(chatId)).conditionExpression(CHAT_EXISTS)))
            .thenReturn(true)
            .onErrorResume(ConditionalCheckFailedException.class, gone -> Mono.just(false))
            .retryWhen(Backoff.on(DynamoDbCalls::isConflict));
    }

    /** The live chats of a participant, in no particular order. */
    Flux<Chat> findChatsOf(String participantId) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
            .queryConditional(QueryConditional.keyEqualTo(key -> key.partitionValue(participantId)))
            .limit(queryPageSize)
            .build();
        return items(() -> participantIndex.query(query)).map(ParticipantItem::getChatId)
            .distinct()
            .buffer(BATCH_GET_KEYS)
            .flatMap(chatIds -> getAll(dynamoDb, chats, chatIds.stream().map(ChatRepository::chatItemKey).toList()),
                    CONCURRENT_BATCHES)
            .filter(item -> !item.isDeleting())
            .map(ChatItem::toChat);
    }

    private Mono<List<ParticipantItem>> putAbsent(String chatId, List<ParticipantItem> candidates, int retry) {
        if (candidates.isEmpty()) {
            return Mono.just(List.of());
        }
        return call(() -> enhanced.transactWriteItems(putAbsentTransaction(chatId, candidates))).thenReturn(candidates)
            .onErrorResume(TransactionCanceledException.class,
                    cancelled -> afterCancellation(chatId, candidates, cancelled, retry));
    }

    private TransactWriteItemsEnhancedRequest putAbsentTransaction(String chatId, List<ParticipantItem> candidates) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
            .addConditionCheck(chats, check -> check.key(chatKey(chatId)).conditionExpression(CHAT_IS_LIVE));
        candidates.forEach(item -> transaction.addPutItem(participants,
                TransactPutItemEnhancedRequest.builder(ParticipantItem.class)
                    .item(item)
                    .conditionExpression(PARTICIPANT_IS_NEW)
                    .build()));
        return transaction.build();
    }

    /**
     * Reasons are in the order of the actions: the chat check first, then one per
     * candidate.
     */
    private Mono<List<ParticipantItem>> afterCancellation(String chatId, List<ParticipantItem> candidates,
            TransactionCanceledException cancelled, int retry) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        if (reasons.size() != candidates.size() + 1) {
            return Mono.error(cancelled);
        }
        if (CONDITION_FAILED.equals(reasons.get(0).code())) {
            return Mono.error(new ChatGone());
        }
        List<ParticipantItem> absent = IntStream.range(0, candidates.size())
            .filter(index -> !CONDITION_FAILED.equals(reasons.get(index + 1).code()))
            .mapToObj(candidates::get)
            .toList();
        if (isConflict(cancelled)) {
            return Mono.from(later(retry, () -> putAbsent(chatId, absent, retry + 1)));
        }
        if (absent.size() == candidates.size()) {
            return Mono.error(cancelled);
        }
        return putAbsent(chatId, absent, retry);
    }

    private static Mono<Removal> whyNotRemoved(TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        if (reasons.size() == 2 && CONDITION_FAILED.equals(reasons.get(0).code())) {
            return Mono.just(Removal.CHAT_MISSING);
        }
        if (reasons.size() == 2 && CONDITION_FAILED.equals(reasons.get(1).code())) {
            return Mono.just(Removal.PARTICIPANT_MISSING);
        }
        return Mono.error(cancelled);
    }

    private QueryEnhancedRequest.Builder participantsQuery(String chatId) {
        return QueryEnhancedRequest.builder()
            .queryConditional(QueryConditional.keyEqualTo(key -> key.partitionValue(chatId)))
            .consistentRead(true)
            .limit(queryPageSize);
    }

    private static Key chatKey(String chatId) {
        return Key.builder().partitionValue(chatId).build();
    }

    private static Map<String, AttributeValue> chatItemKey(String chatId) {
        return Map.of(ChatItem.ID, AttributeValue.fromS(chatId));
    }

    private static Expression condition(String expression) {
        return Expression.builder().expression(expression).build();
    }

    enum Removal {

        REMOVED, CHAT_MISSING, PARTICIPANT_MISSING

    }

    /** The chat check of an add failed: the chat does not exist or is being deleted. */
    private static final class ChatGone extends RuntimeException {

        ChatGone() {
            super("chat is gone", null, false, false);
        }

    }

}
