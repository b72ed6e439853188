package com.practicalsystemdesign.common.health;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.practicalsystemdesign.common.model.HealthResponse;

/** {@code GET /health}: 200 when healthy or degraded, 503 when unhealthy. */
@RestController
class ServiceHealthController {

    private final ServiceHealth serviceHealth;

    ServiceHealthController(ServiceHealth serviceHealth) {
        this.serviceHealth = serviceHealth;
    }

    @GetMapping("/health")
    Mono<ResponseEntity<HealthResponse>> health() {
        return serviceHealth.current()
            .map(health -> ResponseEntity.status(
                    ServiceHealth.UNHEALTHY.equals(health.status()) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .body(health));
    }

}
