package com.practicalsystemdesign.userservice.user.cache;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.ReactiveRedisClusterConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * The cache's one connection to Redis, opened off the event loops. Spring Data Redis
 * opens its shared connection on first use and blocks the caller until Redis has
 * answered, and the first caller would be a request on an event loop: the whole loop
 * would wait on a Redis that is slow to reach, however short {@code cache.timeout} is. So
 * the connection is opened here, in the background from start-up on (start-up waits for
 * it a little, so that the first requests find the cache), and again every second while
 * Redis cannot be reached. Until it is open, the cache's calls fail at once, as they do
 * while Redis is down: a read goes to PostgreSQL, a put to the outbox. Once open, Lettuce
 * reconnects it by itself.
 */
final class SharedRedisConnection implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SharedRedisConnection.class);

    /**
     * How long start-up waits for a first answer from Redis before it goes on without.
     */
    private static final Duration START_UP_WAIT = Duration.ofSeconds(5);

    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private final ReactiveRedisConnectionFactory redis;

    private final ReactiveRedisConnectionFactory openedOnly = new OpenedOnly();

    /** Counted down once the first attempt to open has succeeded or failed. */
    private final CountDownLatch firstAttempt = new CountDownLatch(1);

    private volatile boolean open;

    private Disposable opening;

    SharedRedisConnection(ReactiveRedisConnectionFactory redis) {
        this.redis = redis;
    }

    /**
     * The connection factory for the cache's template: it fails fast until the connection
     * is open.
     */
    ReactiveRedisConnectionFactory factory() {
        return this.openedOnly;
    }

    @Override
    public void afterPropertiesSet() {
        this.opening = Mono.fromRunnable(this::openShared)
            .subscribeOn(Schedulers.boundedElastic())
            .doOnError(this::notOpenYet)
            .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, RETRY_INTERVAL))
            .doOnSuccess(done -> opened())
            .subscribe();
    }

    @EventListener(ApplicationReadyEvent.class)
    void awaitAtStartUp() throws InterruptedException {
        if (!this.firstAttempt.await(START_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("Redis has not answered within {}; the users cache is bypassed until it does", START_UP_WAIT);
        }
    }

    @Override
    public void destroy() {
        this.opening.dispose();
    }

    private void openShared() {
        // With a shared connection (Spring Boot's default), closing leaves it open.
        this.redis.getReactiveConnection().close();
    }

    private void notOpenYet(Throwable ex) {
        if (this.firstAttempt.getCount() > 0) {
            log.warn("Cannot reach Redis yet ({}); the users cache is bypassed, trying again every {}",
                    NestedExceptionUtils.getMostSpecificCause(ex).toString(), RETRY_INTERVAL);
            this.firstAttempt.countDown();
        }
    }

    private void opened() {
        this.open = true;
        this.firstAttempt.countDown();
        log.info("Redis connection open: the users cache is in use");
    }

    private void requireOpen() {
        if (!this.open) {
            throw new RedisConnectionFailureException("The Redis connection is not open yet");
        }
    }

    /** Spring Data Redis's factory, refusing connections until the shared one is open. */
    private final class OpenedOnly implements ReactiveRedisConnectionFactory {

        @Override
        public ReactiveRedisConnection getReactiveConnection() {
            requireOpen();
            return SharedRedisConnection.this.redis.getReactiveConnection();
        }

        @Override
        public ReactiveRedisClusterConnection getReactiveClusterConnection() {
            requireOpen();
            return SharedRedisConnection.this.redis.getReactiveClusterConnection();
        }

        @Override
        public DataAccessException translateExceptionIfPossible(RuntimeException ex) {
            return SharedRedisConnection.this.redis.translateExceptionIfPossible(ex);
        }

    }

}
