package com.practicalsystemdesign.common.health;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

import com.practicalsystemdesign.common.health.ServiceHealthProperties.Dependency;
import com.practicalsystemdesign.common.model.HealthResponse;

/**
 * The service's own {@code GET /health} answer (status plus the health of each store it
 * depends on), as docs/api.md specifies: every configured store is checked in parallel,
 * each bounded by the timeout; a critical store down makes the service {@code unhealthy},
 * an optional one {@code degraded}.
 */
public class ServiceHealth {

    static final String HEALTHY = "healthy";

    static final String DEGRADED = "degraded";

    static final String UNHEALTHY = "unhealthy";

    private final ReactiveHealthContributors contributors;

    private final ServiceHealthProperties properties;

    private final String service;

    private final String version;

    private final Clock clock;

    public ServiceHealth(ReactiveHealthContributors contributors, ServiceHealthProperties properties, String service,
            String version, Clock clock) {
        this.contributors = contributors;
        this.properties = properties;
        this.service = service;
        this.version = version;
        this.clock = clock;
    }

    public Mono<HealthResponse> current() {
        return Flux.fromIterable(properties.dependencies().entrySet())
            .flatMap(entry -> check(entry.getValue()).map(up -> new Check(entry.getKey(), entry.getValue(), up)))
            .collectList()
            .map(checks -> {
                Map<String, String> dependencies = new LinkedHashMap<>();
                properties.dependencies().keySet().forEach(name -> dependencies.put(name, UNHEALTHY));
                checks.forEach(check -> dependencies.put(check.name(), check.up() ? HEALTHY : UNHEALTHY));
                return new HealthResponse(overall(checks), service, version, Instant.now(clock), dependencies);
            });
    }

    private Mono<Boolean> check(Dependency dependency) {
        ReactiveHealthContributor contributor = contributors.getContributor(dependency.indicator());
        if (contributor == null) {
            return Mono.just(false);
        }
        return health(contributor).timeout(properties.timeout()).onErrorReturn(false);
    }

    private static Mono<Boolean> health(ReactiveHealthContributor contributor) {
        if (contributor instanceof ReactiveHealthIndicator indicator) {
            return indicator.health(false).map(Health::getStatus).map(Status.UP::equals);
        }
        if (contributor instanceof ReactiveHealthContributors composite) {
            return Flux.fromStream(composite.stream())
                .flatMap(entry -> health(entry.contributor()))
                .all(Boolean::booleanValue);
        }
        return Mono.just(false);
    }

    private static String overall(Iterable<Check> checks) {
        String status = HEALTHY;
        for (Check check : checks) {
            if (!check.up() && check.dependency().critical()) {
                return UNHEALTHY;
            }
            if (!check.up()) {
                status = DEGRADED;
            }
        }
        return status;
    }

    private record Check(String name, Dependency dependency, boolean up) {
    }

}
