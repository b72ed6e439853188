package com.practicalsystemdesign.common.observability;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spans only while something exports them. Every request has a trace id (the gateway's
 * {@code traceparent}, or a new one) on all its log lines either way (web.TraceIds):
 * <ul>
 * <li>No span exporter (export is off unless
 * {@code management.tracing.export.enabled=true}): Micrometer Tracing's no-op tracer and
 * propagator stand in for OpenTelemetry's. A span that is made but never recorded still
 * costs, on every request and every Redis command, its ids, a context switch at every hop
 * between threads and two MDC writes at each, for nothing anyone sees (its cost:
 * docs/performance.md). Nor is the current observation carried onto threads
 * ({@link ObservationOnThreads}).</li>
 * <li>An exporter: OpenTelemetry records the share
 * {@code management.tracing.sampling.probability} of traces, chosen by trace id instead
 * of by Boot's parent-based sampler. The gateway starts traces but records no spans, so
 * the sampled flag of its {@code traceparent} carries no decision; deciding by the trace
 * id gives the same answer in every service, so a trace is complete or absent, never half
 * there.</li>
 * </ul>
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class, after = OtlpTracingAutoConfiguration.class)
@ConditionalOnClass({ Tracer.class, Sampler.class, OpenTelemetryTracingAutoConfiguration.class })
@EnableConfigurationProperties(TracingProperties.class)
public class TracingAutoConfiguration {

    @Bean
    @ConditionalOnBean(SpanExporter.class)
    SmartInitializingSingleton observationCarriedOnThreads() {
        return () -> ObservationOnThreads.carry(true);
    }

    @Bean
    @ConditionalOnBean(SpanExporter.class)
    @ConditionalOnMissingBean(Sampler.class)
    Sampler sampleByTraceId(TracingProperties properties) {
        Sampler byTraceId = Sampler.traceIdRatioBased(properties.getSampling().getProbability());
        return Sampler.parentBasedBuilder(byTraceId)
            .setRemoteParentSampled(byTraceId)
            .setRemoteParentNotSampled(byTraceId)
            .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(SpanExporter.class)
    static class NoSpansWithoutExporter {

        @Bean
        @ConditionalOnMissingBean
        Tracer noopTracer() {
            return Tracer.NOOP;
        }

        @Bean
        @ConditionalOnMissingBean
        Propagator noopPropagator() {
            return Propagator.NOOP;
        }

        @Bean
        SmartInitializingSingleton observationNotCarriedOnThreads() {
            return () -> ObservationOnThreads.carry(false);
        }

    }

}
