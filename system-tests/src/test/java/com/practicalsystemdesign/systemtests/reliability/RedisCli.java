package com.practicalsystemdesign.systemtests.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.practicalsystemdesign.common.testing.RedisCommands;

/**
 * The private Redis, asked what a reader of the README asks {@code redis-cli --raw}, over
 * a plain socket: the machine needs no redis-cli.
 */
public final class RedisCli {

    private final RedisCommands redis;

    public RedisCli(int port) {
        this.redis = new RedisCommands("127.0.0.1", port);
    }

    /**
     * Runs one command and returns its output as redis-cli --raw prints it, without the
     * last newline.
     */
    public String run(String... command) {
        return String.join("\n", redis.run(command));
    }

    /** One counter of {@code INFO stats}, such as keyspace_hits. */
    public long stat(String name) {
        return run("INFO", "stats").lines()
            .filter(line -> line.startsWith(name + ":"))
            .mapToLong(line -> Long.parseLong(line.substring(name.length() + 1).strip()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("Redis INFO stats has no " + name));
    }

    /**
     * The cached JSON of each {@code user:{id}}, by id; ids without an entry are left
     * out.
     */
    Map<Long, String> cachedUsers(List<Long> ids) {
        List<String> keys = ids.stream().map(id -> "user:" + id).toList();
        List<String> values = redis.run(Stream.concat(Stream.of("MGET"), keys.stream()).toArray(String[]::new));
        Map<Long, String> cached = new HashMap<>();
        for (int i = 0; i < ids.size() && i < values.size(); i++) {
            if (!values.get(i).isEmpty()) {
                cached.put(ids.get(i), values.get(i));
            }
        }
        return cached;
    }

    /** Every key with its value, sorted: the whole cache in a comparable form. */
    List<String> dump() {
        List<String> entries = new ArrayList<>();
        for (String key : run("KEYS", "*").lines().filter(key -> !key.isBlank()).sorted().toList()) {
            entries.add(key + "=" + run("GET", key));
        }
        return entries;
    }

}
