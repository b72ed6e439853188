package com.practicalsystemdesign.userservice.user.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import com.practicalsystemdesign.userservice.user.Versioned;

/**
 * The bytes of {@code user:{id}}: how an entry is written, and how a cache hit becomes
 * the API's answer.
 *
 * <p>
 * A hit is answered with the entry's own bytes. A live entry is the user's JSON exactly
 * as the API writes it, then {@code ,"version":N}: cutting that off leaves the answer,
 * with nothing parsed and nothing written again, the hit's largest saving
 * (docs/performance.md). This relies on the layout {@link CachedUser} fixes with
 * {@code @JsonPropertyOrder} and on the cache writing with the API's own JSON settings. A
 * tombstone, or an entry that does not end that way, is parsed instead.
 */
public final class UserCacheCodec {

    private static final byte[] VERSION = ",\"version\":".getBytes(StandardCharsets.US_ASCII);

    private final JsonMapper api;

    private final JsonMapper cache;

    /** {@code api}: the mapper the HTTP layer writes with (Boot's). */
    UserCacheCodec(JsonMapper api) {
        this.api = api;
        // Lenient reader: an absent "deleted" means false, and fields that a newer
        // version of the
        // service may add are ignored during a rolling deploy.
        this.cache = api.rebuild()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    }

    public byte[] write(CachedUser entry) {
        return cache.writeValueAsBytes(entry);
    }

    /**
     * The user's JSON as the API answers it, with its version; {@code null} for a
     * tombstone.
     */
    public Versioned<byte[]> userJson(byte[] entry) {
        int version = liveEntryVersionAt(entry);
        if (version > 0) {
            byte[] user = Arrays.copyOf(entry, version + 1);
            user[version] = '}';
            return new Versioned<>(user, versionAt(entry, version + VERSION.length));
        }
        CachedUser parsed = cache.readValue(entry, CachedUser.class);
        return parsed.deleted() ? null : userJson(parsed);
    }

    public Versioned<byte[]> userJson(CachedUser entry) {
        return new Versioned<>(api.writeValueAsBytes(entry.toUser()), entry.version());
    }

    /** The digits from {@code from} up to the entry's closing brace, as a number. */
    private static long versionAt(byte[] entry, int from) {
        long version = 0;
        for (int digit = from; digit < entry.length - 1; digit++) {
            version = version * 10 + (entry[digit] - '0');
        }
        return version;
    }

    /**
     * Where {@code ,"version":N}} starts when the entry ends with it, as a live entry
     * does; else -1.
     */
    private static int liveEntryVersionAt(byte[] entry) {
        int last = entry.length - 1;
        if (last < 0 || entry[last] != '}') {
            return -1;
        }
        int digits = last;
        while (digits > 0 && entry[digits - 1] >= '0' && entry[digits - 1] <= '9') {
            digits--;
        }
        int start = digits - VERSION.length;
        boolean matches = digits < last && start > 0 && Arrays.equals(entry, start, digits, VERSION, 0, VERSION.length);
        return matches ? start : -1;
    }

}
