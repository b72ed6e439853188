package com.practicalsystemdesign.common.model;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Response of {@code GET /chats/{chat_id}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A chat and all its participants.", requiredProperties = { "chat", "participants" })
public record ChatWithParticipants(Chat chat, List<ChatParticipant> participants) {
}
