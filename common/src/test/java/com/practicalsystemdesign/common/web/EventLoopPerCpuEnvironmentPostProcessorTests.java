package com.practicalsystemdesign.common.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class EventLoopPerCpuEnvironmentPostProcessorTests {

    private static final String PROPERTY = EventLoopPerCpuEnvironmentPostProcessor.IO_WORKER_COUNT;

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
    void reactorNettyGetsOneEventLoopPerCpu() {
        System.clearProperty(PROPERTY);

        postProcess();

        assertThat(System.getProperty(PROPERTY)).isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void aCountGivenOnTheCommandLineWins() {
        System.setProperty(PROPERTY, "7");

        postProcess();

        assertThat(System.getProperty(PROPERTY)).isEqualTo("7");
    }

    private static void postProcess() {
        new EventLoopPerCpuEnvironmentPostProcessor().postProcessEnvironment(new MockEnvironment(),
                new SpringApplication());
    }
}
