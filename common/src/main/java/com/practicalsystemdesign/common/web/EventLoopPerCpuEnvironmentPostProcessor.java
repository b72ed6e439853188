package com.practicalsystemdesign.common.web;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * One Reactor Netty event loop per CPU, for the HTTP server and the PostgreSQL connections alike.
 * Reactor Netty's default is at least four, so on two CPUs (the machine the benchmark runs on) or
 * one (a pod of the chart) several event loops take turns on a core, each wait adding to a
 * request's latency. Measured on two CPUs: cache hits 12,500-14,600 to 15,500-16,200 req/s, a
 * page of 100 users 1,800 to 2,300, creates 5,100 to 6,000.
 *
 * <p>
 * The knob is the system property {@code reactor.netty.ioWorkerCount}, read once, when Reactor
 * Netty makes its first event loops: hence here, before any bean exists. A value given on the
 * command line wins.
 */
public class EventLoopPerCpuEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(IO_WORKER_COUNT, String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
    }
}
