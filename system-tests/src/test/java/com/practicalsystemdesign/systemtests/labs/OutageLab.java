package com.practicalsystemdesign.systemtests.labs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;
import com.practicalsystemdesign.systemtests.reliability.ChatTables;
import com.practicalsystemdesign.systemtests.reliability.ChatWorkload;
import com.practicalsystemdesign.systemtests.reliability.Load;
import com.practicalsystemdesign.systemtests.reliability.UserWorkload;

import static org.awaitility.Awaitility.await;

/**
 * Redis, PostgreSQL and DynamoDB Local stopped and started again in turn
 * ({@code scripts/local-down.sh --only}, then {@code scripts/local-up.sh}), while every
 * endpoint is probed ten times a second through the gateway, both services' readiness is
 * watched, and the reliability suites' user and chat workloads write. Every write a
 * client saw acknowledged is looked for again at the end.
 */
class OutageLab implements LabProgram {

    private static final List<String> STORES = List.of("redis", "postgres", "dynamodb-local");

    private static final Duration PROBE_EVERY = Duration.ofMillis(100);

    private static final Duration SETTLE = Duration.ofMillis(1500);

    @Override
    public void run(LabRun lab) throws Exception {
        Duration downFor = Duration.ofSeconds(lab.size(6, 3));
        lab.step("starting a stack of its own");
        LabStack stack = LabStack.start(lab, Map.of());
        Gateway gateway = stack.gateway;
        ChatTables tables = lab
            .closeAtEnd(new ChatTables(URI.create("http://127.0.0.1:" + stack.port("DYNAMODB_PORT"))));
        List<Long> ids = UserWorkload.createUsers(gateway, 5, "outage");
        String chat = gateway.post("/api/chats", "{\"name\":\"Lab outage chat\"}").json().get("id").asString();
        gateway.get("/api/users/" + ids.getFirst()); // cached: the read Redis serves
        Gateway users = new Gateway("http://127.0.0.1:" + stack.port("USER_MANAGEMENT_PORT"));
        Gateway chats = new Gateway("http://127.0.0.1:" + stack.port("CHAT_MANAGEMENT_PORT"));
        Map<String, Supplier<Reply>> probes = new LinkedHashMap<>();
        probes.put("GET /api/users/{id}", () -> gateway.get("/api/users/" + ids.getFirst()));
        probes.put("GET /api/users?limit=5", () -> gateway.get("/api/users?limit=5"));
        probes.put("GET /api/chats/{id}", () -> gateway.get("/api/chats/" + chat));
        probes.put("GET /api/users/health", () -> gateway.get("/api/users/health"));
        probes.put("GET /api/chats/health", () -> gateway.get("/api/chats/health"));
        probes.put("user-service readiness", () -> users.get("/actuator/health/readiness"));
        probes.put("chat-service readiness", () -> chats.get("/actuator/health/readiness"));
        List<String> endpoints = new ArrayList<>(probes.keySet());
        endpoints.add(2, "user create");
        endpoints.add("chat create");
        UserWorkload userWrites = new UserWorkload(gateway, ids, 1, 0.0, 0.5);
        ChatWorkload chatWrites = new ChatWorkload(gateway);
        List<Supplier<Reply>> probeList = List.copyOf(probes.values());
        List<String> probeNames = List.copyOf(probes.keySet());

        lab.step("probing " + probes.size() + " endpoints every " + PROBE_EVERY.toMillis()
                + " ms, with the user and chat workloads writing");
        Load load = Load.start(probes.size() + 2, (worker, running) -> {
            if (worker < probeList.size()) {
                running.send(probeNames.get(worker), probeList.get(worker));
            }
            else if (worker == probeList.size()) {
                userWrites.run(0, running);
            }
            else {
                chatWrites.run(0, running);
            }
            Load.pause(worker < probeList.size() ? PROBE_EVERY : PROBE_EVERY.multipliedBy(2));
        });
        Map<String, long[]> events = new TreeMap<>();
        Load.pause(Duration.ofSeconds(2));
        for (String store : STORES) {
            lab.step("stopping " + store + " for " + downFor.toSeconds() + "s");
            long stopped = load.now();
            stack.run.down(store);
            Load.pause(downFor);
            lab.step("starting " + store + " again; waiting until every endpoint answers");
            long restarted = load.now();
            stack.up();
            long up = load.now();
            await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> probeList.stream().allMatch(probe -> probe.get().status() == 200)
                        && gateway.get("/api/users/health").body().contains("\"healthy\""));
            Load.pause(SETTLE);
            events.put(store, new long[] { stopped, restarted, load.now(), up });
        }
        Load.Samples samples = load.stop();

        Table table = Table.of("store stopped", "endpoint", "statuses from stop to recovery", "first failure",
                "back to 2xx after restart (s)");
        for (String store : STORES) {
            long[] at = events.get(store);
            for (String endpoint : endpoints) {
                List<Load.Sample> answers = samples.matching(sample -> sample.kind().equals(endpoint)
                        && sample.startMillis() >= at[0] && sample.startMillis() <= at[2]);
                Outcome outcome = Outcome.of(answers, at[0], at[1]);
                String key = store + "." + endpoint.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_$", "");
                // The service's own part of the recovery: from the store answering again,
                // without the store's start-up, which is the machine's.
                lab.record(key + ".back_after_store_up_s", Outcome.of(answers, at[0], at[3]).back());
                lab.record(key + ".statuses", outcome.statuses());
                lab.record(key + ".first_failure_s", outcome.firstFailure());
                lab.record(key + ".failure_status", outcome.failureStatus());
                lab.record(key + ".back_after_restart_s", outcome.back());
                table.row(store, endpoint, outcome.statuses(),
                        outcome.failureStatus().equals("-") ? "-"
                                : outcome.failureStatus() + " after " + LabRun.format(outcome.firstFailure()) + "s",
                        outcome.back());
            }
            lab.record(store + ".down_s", (at[1] - at[0]) / 1000.0);
            lab.record(store + ".recovered_after_restart_s", (at[2] - at[1] - SETTLE.toMillis()) / 1000.0);
        }
        long[] redis = events.get("redis");
        List<Load.Sample> duringRedis = samples
            .matching(sample -> sample.startMillis() >= redis[0] && sample.startMillis() <= redis[2]);
        lab.record("server_errors_500", samples.matching(sample -> sample.status() == 500).size());
        lab.record("redis.non_2xx", duringRedis.stream().filter(sample -> !sample.succeeded()).count());
        lab.record("redis.answers", duringRedis.size());
        int usersLost = userWrites.lostWrites(stack.postgres).size();
        int chatsLost = chatWrites.lostWrites(tables, at -> true).size();
        lab.record("users_acknowledged", userWrites.acknowledgedCreates());
        lab.record("users_found", userWrites.acknowledgedCreates() - usersLost);
        lab.record("chats_acknowledged", chatWrites.acknowledgedWrites());
        lab.record("chats_found", chatWrites.acknowledgedWrites() - chatsLost);
        lab.print(table);
        lab.print(Table.of("acknowledged writes (201)", "acknowledged", "found again at the end")
            .row("users (PostgreSQL)", lab.recorded("users_acknowledged"), lab.recorded("users_found"))
            .row("chats and participants (DynamoDB)", lab.recorded("chats_acknowledged"), lab.recorded("chats_found")));

        SvgChart chart = new SvgChart("Every probe through a Redis, a PostgreSQL and a DynamoDB outage (red: not 2xx)",
                "seconds", "")
            .rows(endpoints);
        List<double[]> ok = new ArrayList<>();
        List<double[]> failed = new ArrayList<>();
        long origin = samples.all().stream().mapToLong(Load.Sample::startMillis).min().orElse(0);
        for (Load.Sample sample : samples.matching(sample -> endpoints.contains(sample.kind()))) {
            double row = endpoints.indexOf(sample.kind()) + 1;
            (sample.succeeded() ? ok : failed).add(new double[] { (sample.startMillis() - origin) / 1000.0, row });
        }
        chart.dots("", "#3b7dd8", ok).dots("", "#d83b3b", failed);
        events.forEach((store, at) -> chart.marker((at[0] - origin) / 1000.0, store + " stopped", "#d83b3b")
            .marker((at[1] - origin) / 1000.0, store + " restarted", "#2a9d4b"));
        lab.chart("outage.svg", chart);

        lab.finish("With Redis stopped " + lab.recorded("redis.non_2xx") + " of " + lab.recorded("redis.answers")
                + " answers were not 2xx (a cache outage only degrades); with PostgreSQL stopped GET /api/users?limit=5 answered "
                + lab.recorded("postgres.GET_api_users_limit_5.failure_status") + " after "
                + lab.recorded("postgres.GET_api_users_limit_5.first_failure_s") + " s and 2xx again "
                + lab.recorded("postgres.GET_api_users_limit_5.back_after_restart_s")
                + " s after the restart; with DynamoDB stopped GET /api/chats/{id} answered "
                + lab.recorded("dynamodb-local.GET_api_chats_id.failure_status") + " after "
                + lab.recorded("dynamodb-local.GET_api_chats_id.first_failure_s") + " s and 2xx again "
                + lab.recorded("dynamodb-local.GET_api_chats_id.back_after_restart_s") + " s after; "
                + lab.recorded("server_errors_500") + " answers were 500 and " + (usersLost + chatsLost) + " of "
                + (userWrites.acknowledgedCreates() + chatWrites.acknowledgedWrites())
                + " acknowledged writes were lost.");
    }

    /**
     * What one endpoint answered from a store's stop to its recovery: the statuses, the
     * first answer that was not a success, and the first success after the last failure,
     * measured from the restart.
     */
    private record Outcome(String statuses, Object firstFailure, String failureStatus, Object back) {

        static Outcome of(List<Load.Sample> samples, long stopped, long restarted) {
            Map<Integer, Integer> counts = new TreeMap<>();
            Object first = "-";
            String status = "-";
            Long lastFailure = null;
            Long backAt = null;
            for (Load.Sample sample : samples.stream()
                .sorted(Comparator.comparingLong(Load.Sample::startMillis))
                .toList()) {
                counts.merge(sample.status(), 1, Integer::sum);
                if (!sample.succeeded()) {
                    if (status.equals("-")) {
                        first = LabRun.round((sample.startMillis() - stopped) / 1000.0);
                        status = String.valueOf(sample.status());
                    }
                    lastFailure = sample.startMillis();
                    backAt = null;
                }
                else if (lastFailure != null && backAt == null) {
                    backAt = sample.startMillis();
                }
            }
            StringBuilder list = new StringBuilder();
            counts.forEach(
                    (code, count) -> list.append(list.isEmpty() ? "" : ",").append(code).append('x').append(count));
            Object back = lastFailure == null ? "-"
                    : backAt == null ? "never" : (Object) LabRun.round(Math.max(0, backAt - restarted) / 1000.0);
            return new Outcome(list.toString(), first, status, back);
        }

    }

}
