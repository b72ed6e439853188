package com.practicalsystemdesign.common.model;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /chats/{chat_id}/participants}; duplicates in one request count once. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AddParticipantsRequest(
        @NotNull @Size(min = 1, max = 100) List<@NotBlank @CodePointLength(max = 128) String> participantIds) {

    /** The requested ids, first occurrence kept, in request order. */
    public List<String> distinctParticipantIds() {
        return participantIds.stream().distinct().toList();
    }
}
