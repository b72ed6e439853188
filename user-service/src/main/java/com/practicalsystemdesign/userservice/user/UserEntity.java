package com.practicalsystemdesign.userservice.user;

import java.time.Instant;

import com.practicalsystemdesign.common.model.User;

/**
 * A row of the {@code users} table. It never leaves the service: the web layer gets a
 * {@link User}, the cache a {@link CachedUser}.
 *
 * @param version incremented by every update; orders the cache's writes
 */
public record UserEntity(long id, String name, String email, Instant createdAt, long version) {

    User toUser() {
        return new User(id, name, email, createdAt);
    }
}
