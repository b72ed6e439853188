package com.practicalsystemdesign.common.netty;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reactor Netty's event loops, for the HTTP server and the PostgreSQL connections alike:
 * one per two CPUs, at least one. Every request is worked on by two event loops: the
 * server's, and the store client's that its data arrives on (R2DBC's, which shares this
 * setting, Lettuce's, or the DynamoDB client's). Half as many server loops as CPUs keeps
 * the busy event-loop threads to about one per CPU, instead of several taking turns on a
 * core, each wait adding to a request's latency and each switch costing CPU. Reactor
 * Netty's default (at least four loops) oversubscribes the one or two CPUs of a small pod
 * in exactly that way (docs/performance.md).
 *
 * <p>
 * The knob is the system property {@code reactor.netty.ioWorkerCount}, read once, when
 * Reactor Netty makes its first event loops: hence here, before any bean exists. A value
 * given on the command line wins.
 */
public class ReactorNettyWorkerCountEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(IO_WORKER_COUNT, String.valueOf(eventLoops(Runtime.getRuntime().availableProcessors())));
        }
    }

    static int eventLoops(int cpus) {
        return Math.max(1, cpus / 2);
    }

}
