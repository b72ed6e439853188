package com.practicalsystemdesign.common.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.codec.ServerCodecConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

class ServerTimingSwitchTests {

    private final ReactiveWebApplicationContextRunner contexts = new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WebConventionsAutoConfiguration.class))
        .withBean(ServerCodecConfigurer.class, ServerCodecConfigurer::create);

    @Test
    void everyServiceTimesItsAnswersByDefault() {
        this.contexts.run(context -> assertThat(context).hasSingleBean(ServerTimingWebFilter.class));
    }

    @Test
    void aDeploymentThatMustNotShowItsStoreTimingsTurnsTheHeadersOff() {
        this.contexts.withPropertyValues("web.server-timing.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(ServerTimingWebFilter.class)
                .hasSingleBean(RequestIdWebFilter.class));
    }

}
