package com.practicalsystemdesign.common.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;

import com.practicalsystemdesign.common.netty.RequestDecoderProblems;

/**
 * Registers the shared web conventions in every reactive service that depends on common.
 */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class, after = CodecsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import(ProblemDetailsAdvice.class)
public class WebConventionsAutoConfiguration {

    @Bean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    /**
     * On unless {@code web.server-timing.enabled=false}: a deployment that must not show
     * clients its store timings turns it off, and the benchmark measures what it costs.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "web.server-timing.enabled", matchIfMissing = true)
    ServerTimingWebFilter serverTimingWebFilter() {
        return new ServerTimingWebFilter();
    }

    @Bean
    NoSniffWebFilter noSniffWebFilter() {
        return new NoSniffWebFilter();
    }

    @Bean
    NoPathParametersWebFilter noPathParametersWebFilter() {
        return new NoPathParametersWebFilter();
    }

    @Bean
    RequestDecoderProblems requestDecoderProblems() {
        return new RequestDecoderProblems();
    }

    @Bean
    StrictJsonCustomizer strictJsonCustomizer() {
        return new StrictJsonCustomizer();
    }

    /**
     * Replaces the JSON decoder Boot's own codec customizer (order 0) registered, with
     * the same mapper.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    @ConditionalOnBean(JsonMapper.class)
    CodecCustomizer utf8JsonDecoderCustomizer(JsonMapper jsonMapper) {
        return codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new Utf8JsonDecoder(jsonMapper));
    }

    @Bean
    @Order(-2)
    @ConditionalOnMissingBean(ErrorWebExceptionHandler.class)
    ProblemDetailsErrorWebExceptionHandler problemDetailsErrorWebExceptionHandler(ServerCodecConfigurer codecs) {
        return new ProblemDetailsErrorWebExceptionHandler(codecs.getWriters());
    }

}
