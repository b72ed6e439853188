package com.practicalsystemdesign.systemtests.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;

/**
 * A closed-loop load: a few virtual threads, each sending its next request as soon as the
 * last one answered, every answer recorded with its latency. Closed-loop on purpose: a
 * small machine shared with the stack under test measures the system's behaviour, not a
 * queue of its own making.
 */
public final class Load {

    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();

    private final List<Thread> workers = new ArrayList<>();

    private final long origin = System.nanoTime();

    private volatile boolean running = true;

    private Load() {
    }

    /**
     * Starts {@code workers} threads, each running {@code step} (worker index, this load)
     * over and over.
     */
    public static Load start(int workers, Step step) {
        Load load = new Load();
        for (int index = 0; index < workers; index++) {
            int worker = index;
            load.workers.add(Thread.ofVirtual().name("load-" + worker).start(() -> {
                while (load.running) {
                    step.run(worker, load);
                }
            }));
        }
        return load;
    }

    /**
     * Sends one request and records it; a request that failed without an answer is a
     * {@link Sample#NO_ANSWER}.
     */
    public Reply send(String kind, Supplier<Reply> request) {
        long start = System.nanoTime();
        Reply reply = null;
        try {
            reply = request.get();
        }
        catch (RuntimeException noAnswer) {
            // Counted below as a request without an answer.
        }
        long end = System.nanoTime();
        samples.add(new Sample(kind, reply == null ? Sample.NO_ANSWER : reply.status(),
                reply == null ? "" : reply.contentType(), millisSinceOrigin(start), millisSinceOrigin(end)));
        return reply;
    }

    /** How many of the answers so far match {@code filter}: what a scenario waits for. */
    public long count(Predicate<Sample> filter) {
        return samples.stream().filter(filter).count();
    }

    /** Milliseconds since the load started, on the clock the samples use. */
    public long now() {
        return millisSinceOrigin(System.nanoTime());
    }

    /** Lets the load run on for a while between two events of a scenario. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Lets the load run for {@code duration} more, then stops it. */
    public Samples stopAfter(Duration duration) {
        pause(duration);
        return stop();
    }

    /** Stops every worker after its request in flight and returns all samples. */
    public Samples stop() {
        running = false;
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(30));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        return new Samples(List.copyOf(samples));
    }

    private long millisSinceOrigin(long nanos) {
        return (nanos - origin) / 1_000_000;
    }

    @FunctionalInterface
    public interface Step {

        void run(int worker, Load load);

    }

    /**
     * One request: its kind, status (or NO_ANSWER), content type, and when it started and
     * ended.
     */
    public record Sample(String kind, int status, String contentType, long startMillis, long endMillis) {

        public static final int NO_ANSWER = -1;

        long latencyMillis() {
            return endMillis - startMillis;
        }

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        boolean isServerError() {
            return status >= 500 || status == NO_ANSWER;
        }

        @Override
        public String toString() {
            return kind + " " + status + " at " + startMillis + "+" + latencyMillis() + "ms";
        }
    }

    public record Samples(List<Sample> all) {

        int count() {
            return all.size();
        }

        public List<Sample> matching(Predicate<Sample> filter) {
            return all.stream().filter(filter).toList();
        }

        /** The requests that ended before {@code millis}. */
        Samples before(long millis) {
            return new Samples(matching(sample -> sample.endMillis() < millis));
        }

        /** The requests that started at or after {@code millis}. */
        Samples after(long millis) {
            return new Samples(matching(sample -> sample.startMillis() >= millis));
        }

        List<Sample> failed() {
            return matching(sample -> !sample.succeeded());
        }

        long serverErrors() {
            return all.stream().filter(Sample::isServerError).count();
        }

        /** The 99th percentile latency of one kind of request, in milliseconds. */
        long p99(String kind) {
            long[] latencies = all.stream()
                .filter(sample -> sample.kind().equals(kind))
                .mapToLong(Sample::latencyMillis)
                .sorted()
                .toArray();
            if (latencies.length == 0) {
                throw new IllegalStateException("no " + kind + " request was sent");
            }
            return latencies[(int) Math.ceil(latencies.length * 0.99) - 1];
        }
    }

}
