package com.practicalsystemdesign.systemtests.labs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Cache-aside: the same reads on a cold and on a warm cache, counted by the stores
 * themselves (PostgreSQL's pg_stat_statements, Redis's keyspace_hits and _misses), then
 * one entry expiring under a short TTL and the next read filling it again.
 */
class CacheAsideLab implements LabProgram {

    /**
     * Ids past the measured ones warm the JVMs up, so that "cold" means the cache alone.
     */
    private static final int WARMUP_IDS = 50;

    private static final String USER_QUERIES = "%from users%";

    @Override
    public void run(LabRun lab) throws Exception {
        int reads = lab.size(1000, 200);
        int ttl = lab.size(60, 45);
        long ttlId = reads + 1;
        lab.step("starting a stack of its own (user-service with CACHE_TTL_SECONDS=" + ttl + ")");
        LabStack stack = LabStack.start(lab, Map.of("CACHE_TTL_SECONDS", String.valueOf(ttl)));
        lab.step("seeding " + (reads + 1 + WARMUP_IDS) + " users with SQL, so every first read is a cache miss");
        stack.postgres.execute(
                "INSERT INTO users (name, email, email_key) SELECT 'Lab User ' || n, 'lab-' || n || '@example.com', "
                        + "'lab-' || n || '@example.com' " + "FROM generate_series(1, " + (reads + 1 + WARMUP_IDS)
                        + ") AS n");
        lab.step("warming the JVMs up on ids the lab never measures (" + WARMUP_IDS + " ids, read three times)");
        for (int pass = 0; pass < 3; pass++) {
            for (long id = ttlId + 1; id <= ttlId + WARMUP_IDS; id++) {
                stack.gateway.get("/api/users/" + id);
            }
        }

        lab.step("cold pass: GET /api/users/{id} for ids 1.." + reads + ", each once (nothing cached yet)");
        double[] cold = readPass(lab, stack, "cold", reads);
        lab.step("warm pass: the same " + reads + " reads again");
        double[] warm = readPass(lab, stack, "warm", reads);

        lab.step("TTL: user " + ttlId + " read once, then watched in Redis until it expires, then read again");
        String key = "user:" + ttlId;
        stack.gateway.get("/api/users/" + ttlId);
        long filledAt = System.nanoTime();
        lab.record("ttl.seconds_set", Long.parseLong(stack.redis.run("TTL", key)));
        await().atMost(Duration.ofSeconds(ttl + 10))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> stack.redis.run("EXISTS", key).equals("0"));
        lab.record("ttl.gone_after_seconds", (System.nanoTime() - filledAt) / 1e9);
        long before = stack.statementCalls(USER_QUERIES);
        stack.gateway.get("/api/users/" + ttlId);
        lab.record("ttl.refill_queries", stack.statementCalls(USER_QUERIES) - before);
        lab.record("ttl.back_in_redis", Long.parseLong(stack.redis.run("EXISTS", key)));
        lab.record("ttl.seconds_after_refill", Long.parseLong(stack.redis.run("TTL", key)));

        Table passes = Table.of("pass", "reads", "p50 ms", "p99 ms", "PostgreSQL queries", "per read", "Redis hits",
                "Redis misses", "errors");
        for (String phase : List.of("cold", "warm")) {
            passes.row(phase, lab.recorded(phase + ".reads"), lab.recorded(phase + ".p50_ms"),
                    lab.recorded(phase + ".p99_ms"), lab.recorded(phase + ".postgres_queries"),
                    lab.recorded(phase + ".postgres_queries_per_read"), lab.recorded(phase + ".redis_hits"),
                    lab.recorded(phase + ".redis_misses"), lab.recorded(phase + ".errors"));
        }
        lab.print(passes);
        lab.print(Table.of("TTL phase (user " + ttlId + ")", "value")
            .row("TTL Redis gave the entry at fill", lab.recorded("ttl.seconds_set") + " s")
            .row("entry gone from Redis after", LabRun.format(lab.recorded("ttl.gone_after_seconds")) + " s")
            .row("PostgreSQL queries of the next read", lab.recorded("ttl.refill_queries"))
            .row("entry back in Redis (EXISTS)", lab.recorded("ttl.back_in_redis"))
            .row("its new TTL", lab.recorded("ttl.seconds_after_refill") + " s"));

        lab.chart("cache-aside.svg",
                new SvgChart("GET /api/users/{id} through the gateway: " + reads + " reads, cold vs warm cache",
                        "latency (ms, log scale)", "fraction of reads at most this slow")
                    .logX()
                    .line("cold: every read a miss (Redis, then PostgreSQL, then a put)", "#d83b3b", curve(cold))
                    .line("warm: every read a hit (Redis only)", "#3b7dd8", curve(warm)));

        double coldP50 = (double) lab.recorded("cold.p50_ms");
        double warmP50 = (double) lab.recorded("warm.p50_ms");
        lab.finish("The warm cache answered at p50 " + LabRun.format(warmP50) + " ms against " + LabRun.format(coldP50)
                + " ms cold (" + LabRun.format(LabRun.round(coldP50 / warmP50)) + "x) with "
                + LabRun.format(lab.recorded("warm.postgres_queries_per_read"))
                + " PostgreSQL queries per read instead of "
                + LabRun.format(lab.recorded("cold.postgres_queries_per_read")) + " (" + lab.recorded("warm.redis_hits")
                + " Redis hits of " + reads + " reads); with a " + ttl + " s TTL the entry left Redis after "
                + LabRun.format(lab.recorded("ttl.gone_after_seconds")) + " s and the next read refilled it with "
                + lab.recorded("ttl.refill_queries") + " query.");
    }

    /**
     * Every id read once; records latency, PostgreSQL queries and Redis hits. Returns the
     * latencies.
     */
    private static double[] readPass(LabRun lab, LabStack stack, String phase, int reads) {
        stack.resetStatements();
        long hits = stack.redis.stat("keyspace_hits");
        long misses = stack.redis.stat("keyspace_misses");
        double[] millis = new double[reads];
        int errors = 0;
        for (int id = 1; id <= reads; id++) {
            long start = System.nanoTime();
            int status = stack.gateway.get("/api/users/" + id).status();
            millis[id - 1] = (System.nanoTime() - start) / 1e6;
            errors += status == 200 ? 0 : 1;
        }
        long queries = stack.statementCalls(USER_QUERIES);
        Arrays.sort(millis);
        lab.record(phase + ".reads", reads);
        lab.record(phase + ".errors", errors);
        lab.record(phase + ".p50_ms", percentile(millis, 0.50));
        lab.record(phase + ".p99_ms", percentile(millis, 0.99));
        lab.record(phase + ".postgres_queries", queries);
        lab.record(phase + ".postgres_queries_per_read", Math.round(1000.0 * queries / reads) / 1000.0);
        lab.record(phase + ".redis_hits", stack.redis.stat("keyspace_hits") - hits);
        lab.record(phase + ".redis_misses", stack.redis.stat("keyspace_misses") - misses);
        return millis;
    }

    static double percentile(double[] sorted, double share) {
        return sorted[Math.max(0, (int) Math.round(sorted.length * share) - 1)];
    }

    /** Each read's milliseconds against the fraction of reads at most that slow. */
    private static List<double[]> curve(double[] sorted) {
        List<double[]> points = new ArrayList<>();
        for (int index = 0; index < sorted.length; index++) {
            points.add(new double[] { sorted[index], (index + 1.0) / sorted.length });
        }
        return points;
    }

}
