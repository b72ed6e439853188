package com.practicalsystemdesign.common.model;

import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Response of {@code GET /chats/{chat_id}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatWithParticipants(Chat chat, List<ChatParticipant> participants) {
}
