package com.practicalsystemdesign.common.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** The confirmation body of the delete endpoints: {@code {"message": ..., "id": ...}}. */
@Schema(description = "What a delete did.", requiredProperties = { "message", "id" })
public record MessageResponse(@Schema(example = "User 1 deleted successfully") String message,
        @Schema(description = "The id of the deleted resource (of the chat, for a participant), as text.",
                example = "1") String id) {
}
