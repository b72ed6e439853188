package com.practicalsystemdesign.common.observability;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ContextPropagationEnvironmentPostProcessorTests {

    private final ContextPropagationEnvironmentPostProcessor processor = new ContextPropagationEnvironmentPostProcessor();

    @Test
    void limitedWhileNoSpansAreExported() {
        assertThat(propagationWith(new MockEnvironment())).isEqualTo("limited");
        assertThat(propagationWith(new MockEnvironment().withProperty("management.tracing.export.enabled", "false")))
            .isEqualTo("limited");
    }

    @Test
    void autoWhileSpansAreExportedSoThatStoreSpansFindTheirParent() {
        assertThat(propagationWith(new MockEnvironment().withProperty("management.tracing.export.enabled", "true")))
            .isEqualTo("auto");
    }

    @Test
    void anExplicitSettingWins() {
        assertThat(propagationWith(new MockEnvironment().withProperty("spring.reactor.context-propagation", "auto")))
            .isEqualTo("auto");
        assertThat(propagationWith(new MockEnvironment().withProperty("management.tracing.export.enabled", "true")
            .withProperty("spring.reactor.context-propagation", "limited"))).isEqualTo("limited");
    }

    private String propagationWith(MockEnvironment environment) {
        processor.postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("spring.reactor.context-propagation");
    }

}
