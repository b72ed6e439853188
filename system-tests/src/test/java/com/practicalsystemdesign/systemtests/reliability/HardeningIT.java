package com.practicalsystemdesign.systemtests.reliability;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hardened defaults, checked on the running jars and gateway of the local run rather
 * than on configuration files: Actuator only on the management ports with only what
 * probes and metrics need, and nothing through the gateway but docs/api.md's routes.
 * (GatewayConfigIT checks the gateway's own limits: 413 and 429 as JSON.)
 */
class HardeningIT extends ReliabilitySuite {

    private static final String ROUTE_NOT_CONFIGURED = "{\"error\":\"Not found\",\"message\":\"Route not configured in API gateway\"}";

    @Test
    void actuatorIsOnlyOnTheManagementPortsAndExposesOnlyHealthInfoAndPrometheus() {
        for (String service : List.of("USER", "CHAT")) {
            Gateway management = new Gateway("http://127.0.0.1:" + stack.run.setting(service + "_MANAGEMENT_PORT"));
            Gateway api = new Gateway("http://127.0.0.1:" + stack.run.setting(service + "_SERVICE_PORT"));

            assertThat(linkNames(management.get("/actuator").body())).as(service + " actuator links")
                .containsExactlyInAnyOrder("self", "health", "health-path", "info", "prometheus");
            for (String endpoint : List.of("env", "configprops", "beans", "heapdump", "threaddump", "loggers",
                    "mappings", "metrics", "shutdown", "scheduledtasks", "caches", "conditions")) {
                assertThat(management.get("/actuator/" + endpoint).status()).as(service + " /actuator/" + endpoint)
                    .isEqualTo(404);
            }
            assertThat(management.send("POST", "/actuator/shutdown", new byte[0]).status()).isEqualTo(404);
            assertThat(management.get("/actuator/health").body()).as("no details").doesNotContain("components");
            assertThat(api.get("/actuator/health").status()).as(service + " service port").isEqualTo(404);
            assertThat(api.get("/actuator/prometheus").status()).as(service + " service port").isEqualTo(404);
        }
    }

    @Test
    void theGatewayRoutesNothingButTheApi() {
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/prometheus", "/api/actuator/health",
                "/api/users/../../actuator/env", "/users", "/chats/x", "/v3/api-docs", "/swagger-ui.html", "/api",
                "/api/", "/api/usersX", "/api/chatsX/1", "/favicon.ico", "/.env", "/index.html")) {
            Reply reply = gateway.get(path);

            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.contentType()).as(path).startsWith("application/json");
            assertThat(reply.body()).as(path).isEqualTo(ROUTE_NOT_CONFIGURED);
        }
    }

    /**
     * The gateway passes paths as the client encoded them, so an encoded {@code ;} stays
     * part of the id (which is then no user id) and a raw one is refused by the service:
     * neither deletes the user whose id precedes it.
     */
    @Test
    void aSemicolonInAUserIdNeverReachesAnotherUser() {
        Reply created = gateway.post("/api/users",
                "{\"name\":\"Kept\",\"email\":\"kept-" + UUID.randomUUID() + "@example.com\"}");
        long id = created.json().get("id").asLong();

        for (String path : List.of("/api/users/" + id + "%3BDROP", "/api/users/" + id + ";DROP",
                "/api/users/" + id + "%3b")) {
            Reply deleted = gateway.delete(path);
            assertThat(deleted.status()).as("DELETE " + path + ": " + deleted).isBetween(400, 499);
            assertThat(deleted.contentType()).as(path).startsWith("application/problem+json");
        }
        assertThat(gateway.get("/api/users/" + id).status()).isEqualTo(200);
    }

    @Test
    void pathsWithDotSegmentsOrDoubledSlashesAreNoRoute() {
        for (String path : List.of("/api/users/1/../2", "/api/users/1/%2e%2e/2", "/api//users/1",
                "/api/chats/x/./participants", "/api/%75sers/1", "/api/chats/../users/1")) {
            Reply reply = gateway.get(path);

            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.body()).as(path).isEqualTo(ROUTE_NOT_CONFIGURED);
        }
    }

    private static List<String> linkNames(String actuatorIndex) {
        Matcher links = Pattern.compile("\"([a-z-]+)\":\\{\"href\"").matcher(actuatorIndex);
        return links.results().map(link -> link.group(1)).toList();
    }

}
