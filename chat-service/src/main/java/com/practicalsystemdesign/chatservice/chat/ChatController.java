package com.practicalsystemdesign.chatservice.chat;

import java.util.List;

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

/**
 * The chats API of docs/api.md. Validation, 404, 503 and every other error become
 * problem+json in common's advice; lists are collected before they are written, so an
 * error never arrives in the middle of a 200 body.
 */
@RestController
@RequestMapping("/chats")
class ChatController {

    private final ChatService chats;

    ChatController(ChatService chats) {
        this.chats = chats;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Chat> createChat(@Valid @RequestBody ChatCreate request) {
        return chats.create(request);
    }

    @GetMapping("/{chat_id}")
    Mono<ChatWithParticipants> getChat(@PathVariable("chat_id") String chatId) {
        return chats.get(chatId);
    }

    @DeleteMapping("/{chat_id}")
    Mono<MessageResponse> deleteChat(@PathVariable("chat_id") String chatId) {
        return chats.delete(chatId);
    }

    @GetMapping("/participant/{participant_id}")
    Mono<List<Chat>> chatsOfParticipant(@PathVariable("participant_id") String participantId) {
        return chats.chatsOf(participantId);
    }

    @PostMapping("/{chat_id}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<List<ChatParticipant>> addParticipants(@PathVariable("chat_id") String chatId,
            @Valid @RequestBody AddParticipantsRequest request) {
        return chats.addParticipants(chatId, request);
    }

    @DeleteMapping("/{chat_id}/participants/{participant_id}")
    Mono<MessageResponse> removeParticipant(@PathVariable("chat_id") String chatId,
            @PathVariable("participant_id") String participantId) {
        return chats.removeParticipant(chatId, participantId);
    }

}
