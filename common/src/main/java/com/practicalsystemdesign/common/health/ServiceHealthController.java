package com.practicalsystemdesign.common.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.practicalsystemdesign.common.model.HealthResponse;

/** {@code GET /health}: 200 when healthy or degraded, 503 when unhealthy. */
@RestController
@Tag(name = "health", description = "The service and its stores, for people and the gateway.")
class ServiceHealthController {

    private final ServiceHealth serviceHealth;

    ServiceHealthController(ServiceHealth serviceHealth) {
        this.serviceHealth = serviceHealth;
    }

    @GetMapping("/health")
    @Operation(summary = "Health of the service and its stores",
            description = "Kubernetes probes use Actuator on the management port instead.")
    @ApiResponse(responseCode = "200", description = "Healthy, or degraded (an optional store is down)")
    @ApiResponse(responseCode = "503", description = "Unhealthy: a store the service needs is down",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = HealthResponse.class)))
    Mono<ResponseEntity<HealthResponse>> health() {
        return serviceHealth.current()
            .map(health -> ResponseEntity.status(
                    ServiceHealth.UNHEALTHY.equals(health.status()) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .body(health));
    }

}
