package com.practicalsystemdesign.common.netty;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ReactorNettyWorkerCountEnvironmentPostProcessorTests {

    private static final String PROPERTY = ReactorNettyWorkerCountEnvironmentPostProcessor.IO_WORKER_COUNT;

    private String before;

    @BeforeEach
    void rememberTheProperty() {
        before = System.getProperty(PROPERTY);
    }

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        }
        else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void reactorNettyGetsOneEventLoopPerTwoCpus() {
        System.clearProperty(PROPERTY);

        postProcess();

        assertThat(System.getProperty(PROPERTY))
            .isEqualTo(String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));
        assertThat(List.of(1, 2, 3, 4, 16)).map(ReactorNettyWorkerCountEnvironmentPostProcessor::eventLoops)
            .containsExactly(1, 1, 1, 2, 8);
    }

    @Test
    void aCountGivenOnTheCommandLineWins() {
        System.setProperty(PROPERTY, "7");

        postProcess();

        assertThat(System.getProperty(PROPERTY)).isEqualTo("7");
    }

    private static void postProcess() {
        new ReactorNettyWorkerCountEnvironmentPostProcessor().postProcessEnvironment(new MockEnvironment(),
                new SpringApplication());
    }

}
