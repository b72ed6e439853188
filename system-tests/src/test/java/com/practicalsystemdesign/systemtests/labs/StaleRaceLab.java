package com.practicalsystemdesign.systemtests.labs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;

import static org.awaitility.Awaitility.await;

/**
 * The textbook cache-aside race, reproduced on purpose. A reader misses and loads the old
 * row; before it fills the cache, a writer commits a new row and invalidates the key;
 * then the reader's fill lands. With the textbook invalidation (a write deletes the key,
 * a miss sets what it loaded: {@code CACHE_INVALIDATION=delete-on-write}, an anti-pattern
 * that exists only for this lab) the old row is put back after the delete and served
 * until its TTL runs out. With this project's versioned puts (the default) the writer put
 * its newer version first and the late fill is refused.
 *
 * The race is made deterministic with {@code CACHE_LAB_FILL_DELAY}, a lab-only setting
 * that holds every reader between its load and its fill: the lab sees the load in
 * pg_stat_statements, then writes inside that gap. Nothing else is timed.
 */
class StaleRaceLab implements LabProgram {

    private static final int READS_AFTER = 10;

    private static final String LOADS_OF_ONE_USER = "%from users where id%";

    @Override
    public void run(LabRun lab) throws Exception {
        int rounds = lab.size(5, 3);
        List<String> strategies = List.of("delete-on-write", "versioned-put");
        lab.step("starting a stack of its own (user-service with CACHE_INVALIDATION=delete-on-write, "
                + "CACHE_LAB_FILL_DELAY=3000ms)");
        LabStack stack = LabStack.start(lab,
                Map.of("CACHE_INVALIDATION", "delete-on-write", "CACHE_LAB_FILL_DELAY", "3000ms"));
        lab.step("seeding " + 2 * rounds + " users with SQL (\"Old Name <id>\"), none of them cached");
        stack.postgres.execute(
                "INSERT INTO users (name, email, email_key) SELECT 'Old Name ' || n, 'race-' || n || '@example.com', "
                        + "'race-' || n || '@example.com' " + "FROM generate_series(1, " + 2 * rounds + ") AS n");
        int id = 0;
        for (String strategy : strategies) {
            if (strategy.equals("versioned-put")) {
                lab.step("restarting user-service with CACHE_INVALIDATION=versioned-put (the default)");
                stack.restart("user-service", Map.of("CACHE_INVALIDATION", strategy));
            }
            lab.step(strategy + ": " + rounds + " races: a reader misses and loads, a PUT renames the user during the "
                    + "reader's hold, then " + READS_AFTER + " reads");
            Race total = new Race(0, 0, 0, 0);
            for (int round = 0; round < rounds; round++) {
                total = total.plus(race(stack, ++id));
            }
            lab.record(strategy + ".races", rounds);
            lab.record(strategy + ".races_set_up", total.setUp());
            lab.record(strategy + ".stale_entries", total.staleEntries());
            lab.record(strategy + ".reads_after_write", rounds * READS_AFTER);
            lab.record(strategy + ".stale_reads", total.staleReads());
            lab.record(strategy + ".stale_ttl_seconds", total.staleTtl());
        }

        Table table = Table.of("invalidation", "races", "write inside the reader's hold", "old row left in Redis",
                "reads after the write", "stale reads served", "stale entry's TTL left");
        for (String strategy : strategies) {
            table.row(strategy + (strategy.equals("versioned-put") ? " (this project)" : " (textbook)"),
                    lab.recorded(strategy + ".races"), lab.recorded(strategy + ".races_set_up"),
                    lab.recorded(strategy + ".stale_entries"), lab.recorded(strategy + ".reads_after_write"),
                    lab.recorded(strategy + ".stale_reads"), lab.recorded(strategy + ".stale_ttl_seconds") + " s");
        }
        lab.print(table);
        List<String> rows = List.of("delete-on-write (textbook)", "versioned-put (this project)");
        lab.chart("stale-race.svg",
                new SvgChart(
                        "After a write that raced a reader's fill: " + rounds * READS_AFTER + " reads per invalidation",
                        "reads after the write (" + READS_AFTER + " per race, " + rounds + " races)", "")
                    .rows(rows)
                    .bars("stale: the old name, from Redis", "#d83b3b", lab.number("delete-on-write.stale_reads"),
                            lab.number("versioned-put.stale_reads"))
                    .bars("fresh: the new name", "#3b7dd8",
                            lab.number("delete-on-write.reads_after_write") - lab.number("delete-on-write.stale_reads"),
                            lab.number("versioned-put.reads_after_write") - lab.number("versioned-put.stale_reads")));
        lab.finish("In " + lab.recorded("delete-on-write.races_set_up") + " of " + rounds
                + " races the textbook delete-on-write left the old row in Redis "
                + lab.recorded("delete-on-write.stale_entries") + " times and served "
                + lab.recorded("delete-on-write.stale_reads") + " of " + rounds * READS_AFTER
                + " reads after the write stale (with " + lab.recorded("delete-on-write.stale_ttl_seconds")
                + " s of TTL still to go); with versioned puts the same " + lab.recorded("versioned-put.races_set_up")
                + " races left it " + lab.recorded("versioned-put.stale_entries") + " times and served "
                + lab.recorded("versioned-put.stale_reads") + " stale reads.");
    }

    /**
     * One race on one user: the reader held before its fill, the writer inside the hold,
     * then reads.
     */
    private static Race race(LabStack stack, int id) {
        stack.resetStatements();
        CompletableFuture<Reply> reader = CompletableFuture.supplyAsync(() -> stack.gateway.get("/api/users/" + id));
        await("the reader's load in pg_stat_statements").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> stack.statementCalls(LOADS_OF_ONE_USER) >= 1);
        // The reader holds the old row now and waits before its fill: the writer commits
        // and invalidates.
        stack.gateway.put("/api/users/" + id, "{\"name\":\"New Name " + id + "\"}");
        int setUp = reader.isDone() ? 0 : 1;
        reader.join();
        int stale = 0;
        for (int read = 0; read < READS_AFTER; read++) {
            stale += stack.gateway.get("/api/users/" + id).json().get("name").asString().equals("New Name " + id) ? 0
                    : 1;
        }
        boolean staleEntry = stack.redis.run("GET", "user:" + id).contains("Old Name " + id);
        return new Race(setUp, staleEntry ? 1 : 0, stale,
                staleEntry ? Long.parseLong(stack.redis.run("TTL", "user:" + id)) : 0);
    }

    private record Race(int setUp, int staleEntries, int staleReads, long staleTtl) {

        Race plus(Race other) {
            return new Race(setUp + other.setUp, staleEntries + other.staleEntries, staleReads + other.staleReads,
                    Math.max(staleTtl, other.staleTtl));
        }

    }

}
