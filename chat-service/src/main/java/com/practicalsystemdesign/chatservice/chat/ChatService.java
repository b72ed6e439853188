package com.practicalsystemdesign.chatservice.chat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import com.practicalsystemdesign.common.model.AddParticipantsRequest;
import com.practicalsystemdesign.common.model.Chat;
import com.practicalsystemdesign.common.model.ChatCreate;
import com.practicalsystemdesign.common.model.ChatParticipant;
import com.practicalsystemdesign.common.model.ChatWithParticipants;
import com.practicalsystemdesign.common.model.MessageResponse;
import com.practicalsystemdesign.common.web.RequestMdc;
import com.practicalsystemdesign.common.web.ResourceNotFoundException;

/**
 * The chats API's use cases as named steps over {@link ChatRepository}, which holds the
 * DynamoDB access patterns and their concurrency reasoning.
 */
@Service
class ChatService {

    /**
     * One line per chat created or deleted: with the request and trace ids, what to
     * follow in the log.
     */
    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    /**
     * Ids longer than DynamoDB's key limit cannot name anything stored, so they are
     * simply not found.
     */
    private static final int MAX_KEY_BYTES = 1024;

    /** A fresh id after a (very unlikely) clash with an existing chat. */
    private static final int NEW_ID_ATTEMPTS = 3;

    private static final Comparator<Chat> OLDEST_FIRST = Comparator
        .comparing(Chat::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(Chat::id);

    private final ChatRepository repository;

    private final ChatIdGenerator ids;

    ChatService(ChatRepository repository, ChatIdGenerator ids) {
        this.repository = repository;
        this.ids = ids;
    }

    Mono<Chat> create(ChatCreate request) {
        return storableMetadata(request).then(Mono.defer(() -> repository.insert(newChat(request))))
            .repeatWhenEmpty(NEW_ID_ATTEMPTS - 1, attempts -> attempts)
            .handle(RequestMdc.peek(chat -> log.info("Created chat {}", chat.id())));
    }

    Mono<ChatWithParticipants> get(String chatId) {
        return liveChat(chatId).flatMap(chat -> repository.findParticipants(chatId)
            .collectList()
            .map(participants -> new ChatWithParticipants(chat, participants)));
    }

    /**
     * Mark, then cascade to the participants, then the chat item: see
     * {@link ChatRepository}.
     */
    Mono<MessageResponse> delete(String chatId) {
        return markDeleting(chatId).then(Mono.defer(() -> repository.deleteParticipants(chatId)))
            .then(Mono.defer(() -> repository.deleteChat(chatId)))
            .filter(deletedHere -> deletedHere)
            .switchIfEmpty(Mono.error(() -> chatNotFound(chatId)))
            .thenReturn(new MessageResponse("Chat " + chatId + " deleted", chatId))
            .handle(RequestMdc.peek(deleted -> log.info("Deleted chat {} and its participants", chatId)));
    }

    /** Oldest first, ties broken by id, so the order is stable. */
    Mono<List<Chat>> chatsOf(String participantId) {
        if (!isStorableKey(participantId)) {
            return Mono.just(List.of());
        }
        return repository.findChatsOf(participantId).collectSortedList(OLDEST_FIRST);
    }

    /**
     * The participants that were not in the chat before this request; duplicates count
     * once.
     */
    Mono<List<ChatParticipant>> addParticipants(String chatId, AddParticipantsRequest request) {
        return storableChatId(chatId)
            .flatMap(id -> repository.addParticipants(id, request.distinctParticipantIds(), now()))
            .switchIfEmpty(Mono.error(() -> chatNotFound(chatId)));
    }

    Mono<MessageResponse> removeParticipant(String chatId, String participantId) {
        return removal(chatId, participantId).flatMap(removal -> switch (removal) {
            case REMOVED ->
                Mono.just(new MessageResponse("Participant " + participantId + " removed from chat " + chatId, chatId));
            case CHAT_MISSING -> Mono.error(chatNotFound(chatId));
            case PARTICIPANT_MISSING ->
                Mono.error(new ResourceNotFoundException("Participant", participantId + " in chat " + chatId));
        });
    }

    private Mono<Void> storableMetadata(ChatCreate request) {
        return MetadataAttributes.problem(request.metadata())
            .<Mono<Void>>map(problem -> Mono.error(new InvalidMetadataException(problem)))
            .orElseGet(Mono::empty);
    }

    private Chat newChat(ChatCreate request) {
        return new Chat(ids.next(), request.name(), request.metadata(), now());
    }

    private Mono<Chat> liveChat(String chatId) {
        return storableChatId(chatId).flatMap(repository::findChat)
            .switchIfEmpty(Mono.error(() -> chatNotFound(chatId)));
    }

    private Mono<Void> markDeleting(String chatId) {
        return storableChatId(chatId).flatMap(repository::markDeleting)
            .filter(marked -> marked)
            .switchIfEmpty(Mono.error(() -> chatNotFound(chatId)))
            .then();
    }

    private Mono<ChatRepository.Removal> removal(String chatId, String participantId) {
        if (!isStorableKey(participantId)) {
            return liveChat(chatId).thenReturn(ChatRepository.Removal.PARTICIPANT_MISSING);
        }
        return storableChatId(chatId).flatMap(id -> repository.removeParticipant(id, participantId))
            .defaultIfEmpty(ChatRepository.Removal.CHAT_MISSING);
    }

    private static Mono<String> storableChatId(String chatId) {
        return Mono.just(chatId).filter(ChatService::isStorableKey);
    }

    private static boolean isStorableKey(String id) {
        return !id.isEmpty() && id.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES;
    }

    private static ResourceNotFoundException chatNotFound(String chatId) {
        return new ResourceNotFoundException("Chat", chatId);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

}
