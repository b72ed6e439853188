package com.practicalsystemdesign.common.model;

import java.time.Instant;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Membership of one participant in one chat. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatParticipant(String chatId, String participantId, Instant joinedAt) {
}
