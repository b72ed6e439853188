package com.practicalsystemdesign.userservice.user.cache;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import com.practicalsystemdesign.common.model.User;
import com.practicalsystemdesign.userservice.user.UserEntity;

/**
 * The value of {@code user:{id}} in Redis: the user's JSON, as
 * {@code redis-cli GET user:1} shows it, plus the row version it was read at. A deleted
 * user leaves a tombstone ({@code {"id":1,"version":4,"deleted":true}}) so that no late
 * reader can cache the row again.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
// The user's fields first, in the API's order, then the version: a hit answers the bytes
// up to it (UserCacheCodec).
@JsonPropertyOrder({ "id", "name", "email", "created_at", "version", "deleted" })
public record CachedUser(long id, String name, String email, Instant createdAt, long version,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean deleted) {

    public static CachedUser of(UserEntity row) {
        return new CachedUser(row.id(), row.name(), row.email(), row.createdAt(), row.version(), false);
    }

    /** Newer than every version the deleted row ever had. */
    public static CachedUser tombstone(long id, long lastVersion) {
        return new CachedUser(id, null, null, null, lastVersion + 1, true);
    }

    User toUser() {
        return new User(id, name, email, createdAt);
    }
}
