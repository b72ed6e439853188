package com.practicalsystemdesign.userservice.user.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Outbox rows whose update the writer did put in Redis, waiting to be deleted in one
 * statement per {@link CacheSweeper} round instead of one per write. Losing them (a
 * crash) costs nothing but a repeated, version-checked put: the rows stay, become due,
 * and a sweep settles them.
 */
@Component
public class SettledOutboxRecords {

    private final Map<Long, Long> versionsById = new ConcurrentHashMap<>();

    /** Redis holds {@code version} of the user or a newer one. */
    public void add(long id, long version) {
        versionsById.merge(id, version, Math::max);
    }

    /** Everything added since the last call, newest version per user. */
    Map<Long, Long> drain() {
        Map<Long, Long> drained = new HashMap<>();
        for (Long id : versionsById.keySet()) {
            Long version = versionsById.remove(id);
            if (version != null) {
                drained.put(id, version);
            }
        }
        return drained;
    }

}
