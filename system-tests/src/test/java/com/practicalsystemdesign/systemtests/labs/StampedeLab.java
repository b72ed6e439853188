package com.practicalsystemdesign.systemtests.labs;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The stampede: N concurrent misses of one id (N = 1, 10, 100), and how many times
 * PostgreSQL loaded that user (its own pg_stat_statements count), first with the
 * project's single-flight (one load per id at a time), then with it switched off
 * ({@code CACHE_SINGLE_FLIGHT=false}, a setting that exists only for this lab).
 *
 * The misses are made concurrent without timing hooks: the lab holds {@code LOCK TABLE
 * users} in a transaction of its own, so the first load of each burst waits in PostgreSQL
 * while the rest of the burst arrives and misses Redis too (Redis's own keyspace_misses
 * says when all have); then the lab ends its transaction and the loads run.
 */
class StampedeLab implements LabProgram {

    private static final int[] SIZES = { 1, 10, 100 };

    /**
     * The service's PostgreSQL limits, patient for the lab: with its own (a load given up
     * after 1.5 s, a pool connection after 1 s) a burst on a slow machine ends in 503s
     * instead of loads, and the lab would count the machine's speed, not the loads.
     */
    private static final Map<String, String> PATIENT = Map.of("DATABASE_TIMEOUT", "30s",
            "SPRING_R2DBC_POOL_MAXACQUIRETIME", "30s");

    /** The longest the lock waits for a burst to miss: below the gateway's 10 s. */
    private static final Duration HOLD = Duration.ofSeconds(8);

    private static final String LOADS_OF_ONE_USER = "%from users where id%";

    @Override
    public void run(LabRun lab) throws Exception {
        lab.step("starting a stack of its own (user-service with single-flight on, the default, and PostgreSQL "
                + "limits of 30 s, so that a queued load is counted, not given up)");
        LabStack stack = LabStack.start(lab, PATIENT);
        lab.step("seeding users with SQL, none of them cached");
        stack.postgres.execute("INSERT INTO users (name, email, email_key) SELECT 'Stampede User ' || n, "
                + "'stampede-' || n || '@example.com', 'stampede-' || n || '@example.com' FROM generate_series(1, 100) AS n");
        Map<String, List<double[]>> curves = Map.of("on", new ArrayList<>(), "off", new ArrayList<>());
        int id = 50;
        for (String mode : List.of("on", "off")) {
            if (mode.equals("off")) {
                lab.step("restarting user-service with CACHE_SINGLE_FLIGHT=false");
                stack.restart("user-service", Map.of("CACHE_SINGLE_FLIGHT", "false"));
            }
            lab.step("single-flight " + mode + ": warming the JVM up on ids the lab never measures");
            for (int pass = 0; pass < 3; pass++) {
                for (int warm = id + 1; warm <= id + 10; warm++) {
                    stack.gateway.get("/api/users/" + warm);
                }
            }
            id += 10;
            for (int n : SIZES) {
                id++;
                lab.step("single-flight " + mode + ": " + n + " concurrent GETs of user " + id
                        + ", all misses, while users is locked until all have missed");
                long loads = burst(lab, stack, mode + ".n" + n, n, id);
                curves.get(mode).add(new double[] { n, loads });
            }
        }

        Table table = Table.of("concurrent misses", "missed while locked on/off", "PostgreSQL loads, single-flight on",
                "PostgreSQL loads, off", "slowest ms on", "slowest ms off", "errors on/off");
        for (int n : SIZES) {
            table.row(n,
                    lab.recorded("on.n" + n + ".misses_while_locked") + "/"
                            + lab.recorded("off.n" + n + ".misses_while_locked"),
                    lab.recorded("on.n" + n + ".postgres_loads"), lab.recorded("off.n" + n + ".postgres_loads"),
                    lab.recorded("on.n" + n + ".max_ms"), lab.recorded("off.n" + n + ".max_ms"),
                    lab.recorded("on.n" + n + ".errors") + "/" + lab.recorded("off.n" + n + ".errors"));
        }
        lab.print(table);
        lab.chart("stampede.svg",
                new SvgChart("N concurrent misses of one user: PostgreSQL loads",
                        "concurrent misses of one id (log scale)", "PostgreSQL loads (log scale)")
                    .logX()
                    .logY()
                    .line("single-flight off (CACHE_SINGLE_FLIGHT=false)", "#d83b3b", curves.get("off"))
                    .line("single-flight on (the default)", "#3b7dd8", curves.get("on")));
        lab.finish("For 100 concurrent misses of one user PostgreSQL loaded it " + times(lab, "on.n100")
                + " with single-flight and " + times(lab, "off.n100") + " without (10 misses: " + times(lab, "on.n10")
                + " vs " + times(lab, "off.n10") + "), with "
                + ((long) lab.recorded("on.n100.errors") + (long) lab.recorded("off.n100.errors"))
                + " errors in the 100-miss bursts.");
    }

    /**
     * N GETs of one user at once while the lab's lock holds every load of it; returns the
     * loads.
     */
    private static long burst(LabRun lab, LabStack stack, String key, int n, int id) throws Exception {
        openConnections(stack, n);
        stack.resetStatements();
        long missesBefore = stack.redis.stat("keyspace_misses");
        List<Future<long[]>> answers = new ArrayList<>();
        long missed;
        try (Connection lock = stack.postgres.connect();
                Statement statement = lock.createStatement();
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            for (int request = 0; request < n; request++) {
                answers.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    int status = stack.gateway.get("/api/users/" + id).status();
                    return new long[] { status, (System.nanoTime() - start) / 1_000_000 };
                }));
            }
            long deadline = System.nanoTime() + HOLD.toNanos();
            while ((missed = stack.redis.stat("keyspace_misses") - missesBefore) < n && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(50); // the last miss's load reaches PostgreSQL (or the pool's
                              // queue)
            lock.rollback();
            clients.shutdown();
        }
        long errors = 0;
        long slowest = 0;
        for (Future<long[]> answer : answers) {
            errors += answer.get()[0] == 200 ? 0 : 1;
            slowest = Math.max(slowest, answer.get()[1]);
        }
        long loads = stack.statementCalls(LOADS_OF_ONE_USER);
        lab.record(key + ".requests", answers.size());
        lab.record(key + ".misses_while_locked", missed);
        lab.record(key + ".postgres_loads", loads);
        lab.record(key + ".errors", errors);
        lab.record(key + ".max_ms", slowest);
        return loads;
    }

    /**
     * N requests at once to the gateway's health, so that the burst finds N connections
     * open in the client's pool and arrives at once instead of connecting one by one.
     */
    private static void openConnections(LabStack stack, int n) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int request = 0; request < n; request++) {
                clients.submit(() -> stack.gateway.get("/health"));
            }
        }
    }

    private static String times(LabRun lab, String key) {
        long count = (long) lab.recorded(key + ".postgres_loads");
        return count == 1 ? "once" : count + " times";
    }

}
