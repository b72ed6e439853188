package com.practicalsystemdesign.chatservice.chat;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.practicalsystemdesign.common.model.AddParticipantsRequest;
import com.practicalsystemdesign.common.model.Chat;
import com.practicalsystemdesign.common.model.ChatCreate;
import com.practicalsystemdesign.common.model.ChatParticipant;
import com.practicalsystemdesign.common.model.ChatWithParticipants;
import com.practicalsystemdesign.common.model.MessageResponse;
import com.practicalsystemdesign.common.openapi.ProblemResponses;

/**
 * The chats API of docs/api.md. Validation, 404, 503 and every other error become
 * problem+json in common's advice; lists are collected before they are written, so an
 * error never arrives in the middle of a 200 body. The annotations document each
 * operation's own answers; the ones every operation shares are added by common's
 * ProblemResponses.
 */
@RestController
@RequestMapping("/chats")
@Tag(name = "chats", description = "Chats and their participants on DynamoDB.")
@ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
class ChatController {

    private static final String ENCODED = "Percent-encode every reserved character, as `encodeURIComponent` does.";

    private final ChatService chats;

    ChatController(ChatService chats) {
        this.chats = chats;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a chat", description = "The service picks the id.")
    @ApiResponse(responseCode = "201", description = "The chat, created")
    Mono<Chat> createChat(@Valid @RequestBody ChatCreate request) {
        return chats.create(request);
    }

    @GetMapping("/{chat_id}")
    @Operation(summary = "Get a chat with its participants", description = "Every participant, however many.")
    @ApiResponse(responseCode = "200", description = "The chat and all its participants")
    @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    Mono<ChatWithParticipants> getChat(
            @Parameter(description = "The chat's id.") @PathVariable("chat_id") String chatId) {
        return chats.get(chatId);
    }

    @DeleteMapping("/{chat_id}")
    @Operation(summary = "Delete a chat and its participants",
            description = "Of concurrent deletes of one chat, exactly one succeeds; the others get 404.")
    @ApiResponse(responseCode = "200", description = "The chat and its participants are gone")
    @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    Mono<MessageResponse> deleteChat(
            @Parameter(description = "The chat's id.") @PathVariable("chat_id") String chatId) {
        return chats.delete(chatId);
    }

    @GetMapping("/participant/{participant_id}")
    @Operation(summary = "List the chats of a participant",
            description = "One query of the GSI participantId-index, then batched reads of the chats.")
    @ApiResponse(responseCode = "200", description = "The participant's chats; empty when none")
    Mono<List<Chat>> chatsOfParticipant(@Parameter(
            description = "The participant's id. " + ENCODED) @PathVariable("participant_id") String participantId) {
        return chats.chatsOf(participantId);
    }

    @PostMapping("/{chat_id}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add participants to a chat",
            description = "Idempotent: ids already in the chat are skipped, also under concurrent calls.")
    @ApiResponse(responseCode = "201", description = "The participants newly added (none when all were present)")
    @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    Mono<List<ChatParticipant>> addParticipants(
            @Parameter(description = "The chat's id.") @PathVariable("chat_id") String chatId,
            @Valid @RequestBody AddParticipantsRequest request) {
        return chats.addParticipants(chatId, request);
    }

    @DeleteMapping("/{chat_id}/participants/{participant_id}")
    @Operation(summary = "Remove a participant from a chat",
            description = "404 when the chat or the participant is absent.")
    @ApiResponse(responseCode = "200", description = "The participant is gone from the chat")
    @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    Mono<MessageResponse> removeParticipant(
            @Parameter(description = "The chat's id.") @PathVariable("chat_id") String chatId,
            @Parameter(description = "The participant's id. "
                    + ENCODED) @PathVariable("participant_id") String participantId) {
        return chats.removeParticipant(chatId, participantId);
    }

}
