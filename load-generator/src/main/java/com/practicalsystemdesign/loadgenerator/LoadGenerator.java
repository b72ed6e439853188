package com.practicalsystemdesign.loadgenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpServer;

import com.practicalsystemdesign.loadgenerator.Workload.Response;

/**
 * A steady load through the gateway ({@link Workload}'s mix at {@code LOAD_RATE} requests
 * a second, {@link LoadSettings}), so that the console and the Grafana dashboard have
 * something to show. At most {@value #IN_FLIGHT} requests wait for an answer at once; a
 * tick that finds them all busy is skipped, so a slow system is never flooded. Every ten
 * seconds, and when it stops, it prints what it sent and what came back.
 */
public final class LoadGenerator {

    static final int IN_FLIGHT = 16;

    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final LoadSettings settings;

    private final PrintStream out;

    private final Tally tally = new Tally();

    LoadGenerator(LoadSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws InterruptedException {
        LoadSettings settings = LoadSettings.from(System.getenv());
        LoadGenerator generator = new LoadGenerator(settings, System.out);
        if (settings.healthPort() > 0) {
            generator.serveHealth(settings.healthPort());
        }
        if (settings.untilStopped()) {
            Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> System.out.println(generator.tally.summary("stopped"))));
        }
        generator.run();
    }

    /** Seeds its data, then sends the mix until the duration is over (or forever). */
    Tally run() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Workload workload = new Workload(http, settings);
        seedWhenReachable(workload);
        out.printf("load-generator: %.1f requests/s to %s, %s%n", settings.rate(), settings.target(),
                settings.untilStopped() ? "until stopped" : "for " + settings.duration().toSeconds() + " s");
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(1);
        try (ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor()) {
            long period = (long) (TimeUnit.SECONDS.toNanos(1) / settings.rate());
            clock.scheduleAtFixedRate(() -> tick(workload, inFlight), 0, period, TimeUnit.NANOSECONDS);
            clock.scheduleAtFixedRate(() -> out.println(tally.summary("so far")), REPORT_EVERY.toSeconds(),
                    REPORT_EVERY.toSeconds(), TimeUnit.SECONDS);
            if (!settings.untilStopped()) {
                clock.schedule(done::countDown, settings.duration().toNanos(), TimeUnit.NANOSECONDS);
            }
            done.await();
            clock.shutdownNow();
        }
        // Answers still on their way are counted before the summary.
        inFlight.tryAcquire(IN_FLIGHT, 10, TimeUnit.SECONDS);
        out.println(tally.summary("done"));
        return tally;
    }

    private void tick(Workload workload, Semaphore inFlight) {
        if (!inFlight.tryAcquire()) {
            tally.skipped.increment();
            return;
        }
        workload.next().whenComplete((response, failure) -> {
            tally.count(response);
            inFlight.release();
        });
    }

    /**
     * {@code GET /health} for Kubernetes probes: 200 with the counts so far, as long as
     * the program runs.
     */
    private void serveHealth(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/health", exchange -> {
                byte[] body = tally.summary("so far").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(body);
                }
            });
            server.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("LOAD_HEALTH_PORT " + port + " is not free", ex);
        }
    }

    /** The system may still be starting (compose, a new pod): seeding waits for it. */
    private void seedWhenReachable(Workload workload) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                workload.seed();
                return;
            }
            catch (RuntimeException notYet) {
                if (attempt % 10 == 1) {
                    out.println("load-generator: waiting for " + settings.target() + " (" + notYet.getMessage() + ")");
                }
                Thread.sleep(Duration.ofSeconds(1));
            }
        }
    }

    /** What came back, by status class; {@code failed}: no answer at all. */
    static final class Tally {

        final LongAdder ok = new LongAdder();

        final LongAdder clientErrors = new LongAdder();

        final LongAdder serverErrors = new LongAdder();

        final LongAdder failed = new LongAdder();

        final LongAdder skipped = new LongAdder();

        private volatile String lastServerError = "";

        void count(Response response) {
            if (response == null || response.status() == 0) {
                failed.increment();
            }
            else if (response.status() >= 500) {
                serverErrors.increment();
                lastServerError = response.request() + " -> " + response.status();
            }
            else if (response.status() >= 400) {
                clientErrors.increment();
            }
            else {
                ok.increment();
            }
        }

        long requests() {
            return ok.sum() + clientErrors.sum() + serverErrors.sum() + failed.sum();
        }

        String summary(String when) {
            return "load-generator " + when + ": " + requests() + " requests, " + ok.sum() + " 2xx, "
                    + clientErrors.sum() + " 4xx, " + serverErrors.sum() + " 5xx, " + failed.sum() + " unanswered, "
                    + skipped.sum() + " skipped (" + IN_FLIGHT + " already in flight)"
                    + (lastServerError.isEmpty() ? "" : "; last 5xx: " + lastServerError);
        }

    }

}
