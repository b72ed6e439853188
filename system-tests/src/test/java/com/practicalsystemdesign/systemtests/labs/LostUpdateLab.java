package com.practicalsystemdesign.systemtests.labs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The lost update: two clients read the same user, each adds its own tag to the name it
 * read, and both write it back. Without {@code If-Match} both writes succeed and the
 * second silently overwrites the first; with {@code If-Match: <the ETag it read>} the
 * database refuses the second (412 Precondition Failed), and that client reads again and
 * writes again, so both tags survive. The clients take turns in a fixed order (A reads, B
 * reads, A writes, B writes), so every round is the race, not a chance of it.
 */
class LostUpdateLab implements LabProgram {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    private String users;

    @Override
    public void run(LabRun lab) throws Exception {
        int rounds = lab.size(20, 10);
        lab.step("starting a stack of its own");
        LabStack stack = LabStack.start(lab, Map.of());
        users = stack.run.gatewayUrl() + "/api/users/";

        for (boolean ifMatch : new boolean[] { false, true }) {
            String mode = ifMatch ? "if-match" : "blind";
            lab.step(rounds + " rounds " + (ifMatch ? "with" : "without")
                    + " If-Match: A reads, B reads, A writes, B writes");
            int lost = 0;
            int preconditionFailed = 0;
            int retried = 0;
            for (int round = 0; round < rounds; round++) {
                long id = createUser(mode + "-" + round);
                Read a = read(id);
                Read b = read(id);
                if (ifMatch && a.etag() == null) {
                    throw new IllegalStateException("user-service answered GET /users/{id} without an ETag: "
                            + "this build has no conditional requests (docs/api.md)");
                }
                int first = write(id, a.name() + " +A", ifMatch ? a.etag() : null);
                int second = write(id, b.name() + " +B", ifMatch ? b.etag() : null);
                if (second == 412) {
                    preconditionFailed++;
                    Read again = read(id);
                    second = write(id, again.name() + " +B", again.etag());
                    retried++;
                }
                String stored = read(id).name();
                boolean bothAcknowledged = first == 200 && second == 200;
                if (bothAcknowledged && !(stored.contains("+A") && stored.contains("+B"))) {
                    lost++;
                }
            }
            lab.record(mode + ".rounds", rounds);
            lab.record(mode + ".lost_updates", lost);
            lab.record(mode + ".precondition_failed", preconditionFailed);
            lab.record(mode + ".retried", retried);
        }

        lab.print(Table
            .of("writes", "rounds", "updates silently lost", "412 Precondition Failed", "read again and retried")
            .row("without If-Match", lab.recorded("blind.rounds"), lab.recorded("blind.lost_updates"),
                    lab.recorded("blind.precondition_failed"), lab.recorded("blind.retried"))
            .row("with If-Match: <ETag read>", lab.recorded("if-match.rounds"), lab.recorded("if-match.lost_updates"),
                    lab.recorded("if-match.precondition_failed"), lab.recorded("if-match.retried")));
        lab.chart("lost-update.svg",
                new SvgChart("Two writers of one user, A then B, " + rounds + " rounds each way", "rounds", "")
                    .rows(List.of("without If-Match", "with If-Match: <ETag read>"))
                    .bars("an acknowledged update silently lost", "#d83b3b", lab.number("blind.lost_updates"),
                            lab.number("if-match.lost_updates"))
                    .bars("B got 412 Precondition Failed, read again and wrote", "#e09b1a",
                            lab.number("blind.precondition_failed"), lab.number("if-match.precondition_failed"))
                    .bars("both changes kept", "#3b7dd8", rounds - lab.number("blind.lost_updates"),
                            rounds - lab.number("if-match.lost_updates")));
        lab.finish("Without If-Match " + lab.recorded("blind.lost_updates") + " of " + rounds
                + " rounds lost an acknowledged update (both clients got 200, one change is gone); with If-Match "
                + lab.recorded("if-match.lost_updates") + " were lost: the second writer got 412 in "
                + lab.recorded("if-match.precondition_failed") + " rounds, read again and kept both changes.");
    }

    private long createUser(String label) throws IOException, InterruptedException {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(users.substring(0, users.length() - 1)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers
                .ofString("{\"name\":\"Lost Update\",\"email\":\"lost-update-" + label + "@example.com\"}")));
        return JSON.readTree(created.body()).get("id").asLong();
    }

    /** GET /api/users/{id}: the name and the ETag (the row's version) the client saw. */
    private Read read(long id) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(users + id)).GET());
        return new Read(JSON.readTree(answer.body()).get("name").asString(),
                answer.headers().firstValue("ETag").orElse(null));
    }

    /**
     * PUT /api/users/{id}, conditional on {@code etag} when there is one; returns the
     * status.
     */
    private int write(long id, String name, String etag) throws IOException, InterruptedException {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(users + id))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name))));
        if (etag != null) {
            put.header("If-Match", etag);
        }
        return send(put).statusCode();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Read(String name, String etag) {
    }

}
