package com.practicalsystemdesign.common.health;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.practicalsystemdesign.common.model.HealthResponse;

/** {@code GET /health}: 200 when healthy or degraded, 503 when unhealthy. */
@RestController
class HealthViewController {

    private final HealthView healthView;

    HealthViewController(HealthView healthView) {
        this.healthView = healthView;
    }

    @GetMapping("/health")
    Mono<ResponseEntity<HealthResponse>> health() {
        return healthView.current()
            .map(health -> ResponseEntity
                .status(HealthView.UNHEALTHY.equals(health.status()) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .body(health));
    }

}
