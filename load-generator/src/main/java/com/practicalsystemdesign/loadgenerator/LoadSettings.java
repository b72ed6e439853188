package com.practicalsystemdesign.loadgenerator;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What to load and how hard, from the environment: {@code LOAD_TARGET} (the gateway),
 * {@code LOAD_RATE} (requests a second), {@code LOAD_DURATION} (seconds; 0 runs until
 * stopped), {@code LOAD_USERS} (the users it keeps; it deletes its oldest beyond that, so
 * its data stays bounded) and {@code LOAD_HEALTH_PORT} (a {@code GET /health} for
 * Kubernetes probes; 0, the default, serves none).
 */
record LoadSettings(URI target, double rate, Duration duration, int users, int healthPort) {

    static final int MAX_RATE = 200;

    LoadSettings {
        if (!(rate > 0 && rate <= MAX_RATE)) {
            throw new IllegalArgumentException("LOAD_RATE must be above 0 and at most " + MAX_RATE + ": " + rate);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("LOAD_DURATION must be 0 (until stopped) or more seconds");
        }
        if (users < 1 || users > 1_000) {
            throw new IllegalArgumentException("LOAD_USERS must be 1..1000: " + users);
        }
    }

    static LoadSettings from(Map<String, String> environment) {
        String target = environment.getOrDefault("LOAD_TARGET", "http://127.0.0.1:8080");
        return new LoadSettings(URI.create(target.endsWith("/") ? target.substring(0, target.length() - 1) : target),
                Double.parseDouble(environment.getOrDefault("LOAD_RATE", "5")),
                Duration.ofSeconds(Long.parseLong(environment.getOrDefault("LOAD_DURATION", "0"))),
                Integer.parseInt(environment.getOrDefault("LOAD_USERS", "50")),
                Integer.parseInt(environment.getOrDefault("LOAD_HEALTH_PORT", "0")));
    }

    boolean untilStopped() {
        return duration.isZero();
    }

}
