package com.practicalsystemdesign.loadgenerator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mix a learner would see on a small live system, through the gateway: mostly reads
 * of users already cached (hits), the first read of each new user (a miss), some creates,
 * updates and deletes, and chat reads. It works only on data it created itself, and keeps
 * at most {@code LOAD_USERS} users, deleting its oldest.
 */
final class Workload {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The id of a created user or chat, without a JSON library for one field. */
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"?([A-Za-z0-9-]+)\"?");

    private static final int CHATS = 3;

    private final HttpClient http;

    private final URI target;

    private final int maxUsers;

    private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);

    private final AtomicLong created = new AtomicLong();

    /** The users it created, oldest first. */
    private final ConcurrentLinkedDeque<String> users = new ConcurrentLinkedDeque<>();

    /** Users created and not read yet: their first read is a cache miss. */
    private final ConcurrentLinkedQueue<String> unread = new ConcurrentLinkedQueue<>();

    private final List<String> chats = new ArrayList<>();

    Workload(HttpClient http, LoadSettings settings) {
        this.http = http;
        this.target = settings.target();
        this.maxUsers = settings.users();
    }

    /** The users and chats the mix reads; fails when the system does not take them. */
    void seed() {
        for (int i = 0; i < Math.min(10, maxUsers); i++) {
            createUser().join();
        }
        unread.clear();
        for (int i = 0; i < CHATS; i++) {
            Response chat = send("POST", "/api/chats", "{\"name\":\"Load " + run + " " + i + "\"}").join();
            String id = id(chat).orElseThrow(() -> new IllegalStateException("POST /api/chats answered " + chat));
            chats.add(id);
            send("POST", "/api/chats/" + id + "/participants",
                    "{\"participant_ids\":[\"load-" + run + "-a\",\"load-" + run + "-b\",\"load-" + run + "-c\"]}")
                .join();
        }
    }

    /** One request of the mix, by weight out of 100. */
    CompletableFuture<Response> next() {
        int draw = ThreadLocalRandom.current().nextInt(100);
        if (draw < 66) {
            return readUser(any());
        }
        if (draw < 74) {
            String fresh = unread.poll();
            return readUser(fresh != null ? fresh : any());
        }
        if (draw < 82) {
            return createUser();
        }
        if (draw < 86) {
            return send("PUT", "/api/users/" + any(), "{\"name\":\"Load User " + created.get() + "\"}");
        }
        if (draw < 96) {
            return send("GET", "/api/chats/" + chats.get(ThreadLocalRandom.current().nextInt(chats.size())), null);
        }
        return send("GET", "/api/chats/participant/load-" + run + "-a", null);
    }

    private CompletableFuture<Response> readUser(String id) {
        return send("GET", "/api/users/" + id, null);
    }

    /** A new user, and the oldest deleted once there are more than the limit. */
    private CompletableFuture<Response> createUser() {
        long n = created.incrementAndGet();
        String body = "{\"name\":\"Load User " + n + "\",\"email\":\"load-" + run + "-" + n + "@example.com\"}";
        return send("POST", "/api/users", body).thenCompose(response -> {
            id(response).filter(id -> response.status() == 201).ifPresent(id -> {
                users.addLast(id);
                unread.add(id);
            });
            if (users.size() <= maxUsers) {
                return CompletableFuture.completedFuture(response);
            }
            String oldest = users.pollFirst();
            unread.remove(oldest);
            return send("DELETE", "/api/users/" + oldest, null).thenApply(deleted -> response);
        });
    }

    private String any() {
        List<String> known = List.copyOf(users);
        return known.get(ThreadLocalRandom.current().nextInt(known.size()));
    }

    private CompletableFuture<Response> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path)).timeout(TIMEOUT);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(json));
        }
        else {
            request.method(method, BodyPublishers.noBody());
        }
        return http.sendAsync(request.build(), BodyHandlers.ofString())
            .thenApply(response -> new Response(method + " " + path, response.statusCode(), response.body()))
            .exceptionally(failure -> new Response(method + " " + path, 0, String.valueOf(failure.getCause())));
    }

    private static Optional<String> id(Response response) {
        Matcher id = ID.matcher(response.body());
        return id.find() ? Optional.of(id.group(1)) : Optional.empty();
    }

    /** {@code status} 0: no answer (refused, reset, timed out). */
    record Response(String request, int status, String body) {
    }

}
