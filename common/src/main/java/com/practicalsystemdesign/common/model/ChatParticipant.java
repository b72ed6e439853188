package com.practicalsystemdesign.common.model;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Membership of one participant in one chat. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "One participant of one chat.", requiredProperties = { "chat_id", "participant_id", "joined_at" })
public record ChatParticipant(@Schema(example = "chat-3f9a0c1b2d4e") String chatId,
        @Schema(example = "user-1") String participantId, @Schema(description = "When the participant joined, in UTC.",
                example = "2026-11-25T06:17:01.123Z") Instant joinedAt) {
}
