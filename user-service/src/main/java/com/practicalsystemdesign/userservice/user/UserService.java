package com.practicalsystemdesign.userservice.user;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.practicalsystemdesign.common.model.MessageResponse;
import com.practicalsystemdesign.common.model.User;
import com.practicalsystemdesign.common.model.UserCreate;
import com.practicalsystemdesign.common.model.UserUpdate;
import com.practicalsystemdesign.common.store.StoreUnavailableException;
import com.practicalsystemdesign.common.web.ConflictException;
import com.practicalsystemdesign.common.web.ResourceNotFoundException;
import com.practicalsystemdesign.userservice.user.cache.UserCache;
import com.practicalsystemdesign.userservice.user.cache.UserCacheCodec;
import com.practicalsystemdesign.userservice.user.cache.CacheOutbox;
import com.practicalsystemdesign.userservice.user.cache.SettledOutboxRecords;
import com.practicalsystemdesign.userservice.user.cache.CachedUser;
import com.practicalsystemdesign.userservice.user.cache.MissLoads;

/**
 * Users with a cache-aside read path: Redis first, PostgreSQL on a miss (one load per id
 * at a time), then the cache is filled. Writes go to PostgreSQL, together with a record
 * that the cache owes their result ({@link CacheOutbox}), and, after the commit and
 * before the answer, leave their result in the cache (the record is then settled in the
 * next batch); {@link UserCache} explains why no stale entry survives,
 * {@link CacheSweeper} who finishes a put the writer could not. Email uniqueness is
 * decided by the database's unique index on the {@link EmailKey}.
 */
@Service
class UserService {

    private static final String RESOURCE = "User";

    private final UserRepository repository;

    private final UserCache cache;

    private final UserCacheCodec codec;

    private final CacheOutbox owed;

    private final SettledOutboxRecords settled;

    /** One PostgreSQL load per id at a time, shared by all its concurrent misses. */
    private final MissLoads<Long, Versioned<byte[]>> loads;

    UserService(UserRepository repository, UserCache cache, UserCacheCodec codec, CacheOutbox owed,
            SettledOutboxRecords settled, MissLoads<Long, Versioned<byte[]>> loads) {
        this.repository = repository;
        this.cache = cache;
        this.codec = codec;
        this.owed = owed;
        this.settled = settled;
        this.loads = loads;
    }

    Mono<Versioned<User>> create(UserCreate request) {
        return repository.insert(request.name(), request.email())
            .onErrorMap(DuplicateKeyException.class, ex -> emailTaken(request.email(), ex))
            .map(UserEntity::versioned);
    }

    Mono<List<User>> list(int limit, long offset) {
        return repository.findPage(limit, offset).map(rows -> rows.stream().map(UserEntity::toUser).toList());
    }

    /**
     * The user's JSON and version: a hit answers the bytes Redis holds as they are
     * ({@link UserCacheCodec}).
     */
    Mono<Versioned<byte[]>> find(long id) {
        return cache.get(id)
            .switchIfEmpty(loads.load(id, () -> loadAndCache(id)))
            .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /**
     * Applies the given fields if the user is at a version {@code expected} accepts,
     * which the database checks in the statement that writes.
     */
    Mono<Versioned<User>> update(long id, IfMatch expected, UserUpdate request) {
        if (request.isEmpty()) {
            return current(id, expected);
        }
        return repository.update(id, expected, request.name(), request.email())
            .onErrorMap(DuplicateKeyException.class, ex -> emailTaken(request.email(), ex))
            .switchIfEmpty(Mono.defer(() -> notWritten(id)))
            .flatMap(row -> cacheWritten(id, CachedUser.of(row)).thenReturn(row))
            .map(UserEntity::versioned);
    }

    Mono<MessageResponse> delete(long id, IfMatch expected) {
        return repository.delete(id, expected)
            .switchIfEmpty(Mono.defer(() -> notWritten(id)))
            .flatMap(lastVersion -> cacheWritten(id, CachedUser.tombstone(id, lastVersion)))
            .thenReturn(new MessageResponse("User " + id + " deleted successfully", String.valueOf(id)));
    }

    /** A miss: the row from PostgreSQL, cached for the next reader; empty when absent. */
    private Mono<Versioned<byte[]>> loadAndCache(long id) {
        return repository.findById(id)
            .map(CachedUser::of)
            .flatMap(entry -> cache.fill(entry).thenReturn(codec.userJson(entry)));
    }

    /**
     * An empty update changes nothing: it answers the user as PostgreSQL has it, if at a
     * version {@code expected} accepts.
     */
    private Mono<Versioned<User>> current(long id, IfMatch expected) {
        return repository.findById(id)
            .switchIfEmpty(Mono.error(() -> notFound(id)))
            .filter(row -> expected.accepts(row.version()))
            .switchIfEmpty(Mono.defer(() -> notWritten(id)))
            .map(UserEntity::versioned);
    }

    /**
     * Why a write changed no row: the user is absent (404), or a conditional write found
     * it at another version (412). The write itself was decided by its own statement;
     * this read only names the reason.
     */
    private <T> Mono<T> notWritten(long id) {
        return repository.findVersion(id)
            .switchIfEmpty(Mono.error(() -> notFound(id)))
            .flatMap(version -> Mono.error(() -> IfMatch.movedOn(id, version, "GET it again before writing")));
    }

    /**
     * After a commit: the write's result replaces any older entry, and loads that started
     * before the commit are no longer shared with readers that start after it.
     */
    private Mono<Void> cacheWritten(long id, CachedUser entry) {
        return cache.put(entry)
            .flatMap(reached -> reached ? settle(entry) : owed.dueNow(id))
            // The outbox row stays due when PostgreSQL does not take this: a sweep
            // settles it later.
            .onErrorResume(StoreUnavailableException.class, ex -> Mono.empty())
            .then(Mono.fromRunnable(() -> loads.forget(id)));
    }

    private Mono<Void> settle(CachedUser entry) {
        return Mono.fromRunnable(() -> settled.add(entry.id(), entry.version()));
    }

    private static ResourceNotFoundException notFound(long id) {
        return new ResourceNotFoundException(RESOURCE, id);
    }

    private static ConflictException emailTaken(String email, Throwable cause) {
        return new ConflictException("A user with email " + email + " already exists", cause);
    }

}
