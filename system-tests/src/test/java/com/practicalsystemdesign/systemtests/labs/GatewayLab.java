package com.practicalsystemdesign.systemtests.labs;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.reliability.BalancingGateway;
import com.practicalsystemdesign.systemtests.reliability.Load;
import com.practicalsystemdesign.systemtests.reliability.UserServiceReplica;

/**
 * Two user-service instances behind one nginx (the gateway's own nginx/nginx.conf, its
 * user_service upstream resolving to both, as for two pods), a steady GET load and a
 * steady POST load through it; one instance is killed (SIGKILL) and started again. The
 * gateway's access log says, request by request, which instance answered.
 */
class GatewayLab implements LabProgram {

    /**
     * One access log line: when it was answered, method, status, the addresses nginx
     * tried.
     */
    private static final Pattern REQUEST = Pattern
        .compile("\\[([^\\]]+)\\] \"(GET|POST) /api/users[^\"]*\" (\\d{3}) .*upstream=(.+?) ut=");

    @Override
    public void run(LabRun lab) throws Exception {
        Duration before = Duration.ofSeconds(lab.size(6, 4));
        Duration downFor = Duration.ofSeconds(lab.size(5, 3));
        Duration after = Duration.ofSeconds(lab.size(12, 8));
        lab.step("starting a stack of its own (instance A is the local run's user-service)");
        LabStack stack = LabStack.start(lab, Map.of());
        lab.step("starting instance B of user-service on " + UserServiceReplica.ADDRESS
                + " (same PostgreSQL and Redis)");
        UserServiceReplica first = lab
            .closeAtEnd(UserServiceReplica.start(stack.run, lab.out().resolve("logs/user-service-b.log")));
        BalancingGateway balancer = lab.closeAtEnd(BalancingGateway.start(stack.run, lab.out().resolve("gateway")));
        Gateway both = balancer.client();
        both.post("/api/users", "{\"name\":\"Lab\",\"email\":\"lab-gateway@example.com\"}");
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicLong sequence = new AtomicLong();
        Load.Step steady = (worker, load) -> {
            if (worker < 2) {
                load.send("GET", () -> both.get("/api/users/1"));
                Load.pause(Duration.ofMillis(10));
            }
            else {
                load.send("POST", () -> both.post("/api/users", "{\"name\":\"Lab\",\"email\":\"gw-" + run + "-"
                        + sequence.incrementAndGet() + "@example.com\"}"));
                Load.pause(Duration.ofMillis(40));
            }
        };
        lab.step("warming both instances up (3 s of the same load, not counted)");
        Load.start(4, steady).stopAfter(Duration.ofSeconds(3));

        lab.step("steady load through the gateway: GET /api/users/1 (2 clients) and POST /api/users (2 clients)");
        long origin = System.currentTimeMillis();
        Load load = Load.start(4, steady);
        Load.pause(before);
        lab.step("killing instance B (SIGKILL) under load");
        long killed = load.now();
        first.kill();
        first.close();
        // A request sent between the signal and the process's end is in flight at B too.
        long dead = load.now();
        Load.pause(downFor);
        lab.step("starting instance B again");
        long restarted = load.now();
        lab.closeAtEnd(UserServiceReplica.start(stack.run, lab.out().resolve("logs/user-service-b-again.log")));
        long ready = load.now();
        lab.step("instance B is ready again; load goes on for " + after.toSeconds() + "s");
        Load.Samples samples = load.stopAfter(after);
        // nginx's access log buffer flushes every second.
        Load.pause(Duration.ofMillis(1500));

        String a = "127.0.0.1:" + stack.run.setting("USER_SERVICE_PORT");
        List<Answer> answers = new ArrayList<>();
        for (String line : balancer.accessLog()) {
            Matcher request = REQUEST.matcher(line);
            if (request.find()) {
                String[] tried = request.group(4).split("[ ,:]+");
                String last = tried[tried.length - 2] + ":" + tried[tried.length - 1];
                long second = OffsetDateTime.parse(request.group(1)).toEpochSecond() - origin / 1000;
                if (second >= 0) {
                    answers.add(new Answer(second, request.group(2), Integer.parseInt(request.group(3)),
                            last.equals(a) ? "A" : "B", request.group(4).contains(",")));
                }
            }
        }
        List<Load.Sample> gets = samples.matching(sample -> sample.kind().equals("GET"));
        List<Load.Sample> posts = samples.matching(sample -> sample.kind().equals("POST"));
        lab.record("get.requests", gets.size());
        lab.record("get.errors", gets.stream().filter(sample -> !sample.succeeded()).count());
        lab.record("get.retried_by_gateway",
                answers.stream().filter(x -> x.method().equals("GET") && x.retried()).count());
        lab.record("get.answered_by_b_while_dead",
                answers.stream()
                    .filter(x -> x.method().equals("GET") && x.instance().equals("B") && x.second() > killed / 1000 + 1
                            && x.second() < restarted / 1000)
                    .count());
        lab.record("post.requests", posts.size());
        lab.record("post.created", posts.stream().filter(sample -> sample.status() == 201).count());
        lab.record("post.failed", posts.stream().filter(sample -> !sample.succeeded()).count());
        // A POST nginx had sent to B when it died: the gateway answers 502/503 and never
        // resends it.
        lab.record("post.failed_in_flight_at_b", posts.stream()
            .filter(sample -> !sample.succeeded() && sample.startMillis() <= dead && sample.endMillis() >= killed)
            .count());
        lab.record("post.retried_by_gateway",
                answers.stream().filter(x -> x.method().equals("POST") && x.retried()).count());
        lab.record("killed_at_s", killed / 1000.0);
        lab.record("restarted_at_s", restarted / 1000.0);
        lab.record("ready_at_s", ready / 1000.0);

        int seconds = (int) answers.stream().mapToLong(Answer::second).max().orElse(0) + 1;
        long[] byA = new long[seconds];
        long[] byB = new long[seconds];
        answers.forEach(x -> (x.instance().equals("A") ? byA : byB)[(int) x.second()]++);
        double balanced = -1;
        for (int second = (int) (ready / 1000); second < seconds; second++) {
            if (byA[second] + byB[second] > 0 && byB[second] * 3 >= byA[second] + byB[second]) {
                balanced = Math.max(0, second - ready / 1000.0);
                break;
            }
        }
        lab.record("balanced_after_ready_s", balanced);

        lab.print(Table
            .of("requests (client side)", "answered", "errors", "retried by nginx on the other instance", "notes")
            .row("GET /api/users/1", lab.recorded("get.requests"), lab.recorded("get.errors"),
                    lab.recorded("get.retried_by_gateway"),
                    "B answered " + lab.recorded("get.answered_by_b_while_dead") + " while dead")
            .row("POST /api/users", lab.recorded("post.requests"), lab.recorded("post.failed"),
                    lab.recorded("post.retried_by_gateway"), lab.recorded("post.created") + " created, "
                            + lab.recorded("post.failed_in_flight_at_b") + " in flight at B got the gateway's error"));
        lab.print(Table.of("event", "seconds after the load began")
            .row("instance B killed", lab.recorded("killed_at_s"))
            .row("instance B started again", lab.recorded("restarted_at_s"))
            .row("instance B ready", lab.recorded("ready_at_s"))
            .row("B answers a third of the requests again", LabRun.format(balanced) + " s after it was ready"));
        List<double[]> lineA = new ArrayList<>();
        List<double[]> lineB = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            lineA.add(new double[] { second, byA[second] });
            lineB.add(new double[] { second, byB[second] });
        }
        lab.chart("gateway.svg",
                new SvgChart("Requests per second answered by each user-service instance (through one nginx)",
                        "seconds since the load began", "requests per second")
                    .line("instance A", "#3b7dd8", lineA)
                    .line("instance B", "#e09b1a", lineB)
                    .marker(killed / 1000.0, "B killed", "#d83b3b")
                    .marker(ready / 1000.0, "B ready", "#2a9d4b"));
        lab.finish("With one of two instances killed under load, " + lab.recorded("get.errors") + " of "
                + lab.recorded("get.requests") + " GETs failed (" + lab.recorded("get.retried_by_gateway")
                + " were retried by nginx on the other instance), " + lab.recorded("post.failed_in_flight_at_b")
                + " POSTs in flight at the killed instance got the gateway's error (nginx never resends a POST it has sent), "
                + "and the instance took its share again " + LabRun.format(balanced)
                + " s after it was ready (max_fails=3 fail_timeout=5s).");
    }

    private record Answer(long second, String method, int status, String instance, boolean retried) {
    }

}
