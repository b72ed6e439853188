package com.practicalsystemdesign.chatservice.chat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * {@code createdAt} and {@code joinedAt} are ISO-8601 strings in UTC with milliseconds
 * and a {@code Z}, so they sort as text in time order. Values written by the original
 * Python service ({@code datetime.utcnow().isoformat()}, no offset) are read as UTC.
 */
final class Timestamps {

    private static final DateTimeFormatter WRITER = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String format(Instant instant) {
        return WRITER.format(instant);
    }

    static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
    }

}
