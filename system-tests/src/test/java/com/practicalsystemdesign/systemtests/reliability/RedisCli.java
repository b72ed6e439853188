package com.practicalsystemdesign.systemtests.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The private Redis through {@code redis-cli}, exactly what a reader of the README types; a Redis
 * client library would be one more dependency for a handful of commands.
 */
final class RedisCli {

    private final int port;

    RedisCli(int port) {
        this.port = port;
    }

    /** Runs one command and returns its raw output, without the last newline. */
    String run(String... command) {
        List<String> line = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port), "--raw"));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " did not finish in 10 s");
            }
            return new String(output, StandardCharsets.UTF_8).stripTrailing();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The cached JSON of each {@code user:{id}}, by id; ids without an entry are left out. */
    Map<Long, String> cachedUsers(List<Long> ids) {
        List<String> keys = ids.stream().map(id -> "user:" + id).toList();
        List<String> values = run(Stream.concat(Stream.of("MGET"), keys.stream()).toArray(String[]::new)).lines().toList();
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
