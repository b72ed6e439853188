package com.practicalsystemdesign.userservice.system;

import java.time.Duration;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens the R2DBC pool's minimum of connections once the service is up, so that the first
 * burst of requests does not pay for connection set-up (a PostgreSQL backend per
 * connection) inside its time budget. In the background: it neither delays nor fails
 * start-up when PostgreSQL is down; the pool then connects on demand as usual.
 */
@Component
class ConnectionPoolWarmup {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoolWarmup.class);

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final ConnectionFactory connectionFactory;

    ConnectionPoolWarmup(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        ConnectionPool pool = pool(connectionFactory);
        if (pool == null) {
            return;
        }
        pool.warmup()
            .timeout(LIMIT)
            .subscribe(opened -> log.info("Opened {} PostgreSQL connections ahead of traffic", opened),
                    ex -> log.warn("Could not open PostgreSQL connections ahead of traffic ({}); they open on demand",
                            ex.getClass().getSimpleName()));
    }

    private static ConnectionPool pool(ConnectionFactory factory) {
        Object candidate = factory;
        while (candidate != null) {
            if (candidate instanceof ConnectionPool pool) {
                return pool;
            }
            candidate = (candidate instanceof Wrapped<?> wrapped) ? wrapped.unwrap() : null;
        }
        return null;
    }

}
