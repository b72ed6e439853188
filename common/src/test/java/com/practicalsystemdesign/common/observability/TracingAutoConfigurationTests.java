package com.practicalsystemdesign.common.observability;

import java.util.List;

import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spans are made only when an exporter takes them, and then sampled by trace id in every
 * service alike.
 */
class TracingAutoConfigurationTests {

    /**
     * The lowest 64 bits decide: far below half of Long.MAX_VALUE here, far above it
     * below.
     */
    private static final String LOW_TRACE_ID = "4bf92f3577b34da60000000000000001";

    private static final String HIGH_TRACE_ID = "4bf92f3577b34da67ffffffffffffff0";

    private final ApplicationContextRunner contexts = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
                    OtlpTracingAutoConfiguration.class, TracingAutoConfiguration.class));

    @Test
    void withoutAnExporterNoSpanIsMadeAtAll() {
        contexts.run(context -> {
            assertThat(context).doesNotHaveBean(SpanExporter.class);
            assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
            assertThat(context.getBean(Propagator.class)).isSameAs(Propagator.NOOP);
            assertThat(observationCarriedOnThreads()).isFalse();
        });
    }

    @Test
    void withExportSpansAreSampledByTraceIdWhateverTheIncomingFlagSays() {
        contexts
            .withPropertyValues("management.tracing.export.enabled=true",
                    "management.opentelemetry.tracing.export.otlp.endpoint=http://localhost:4318/v1/traces",
                    "management.tracing.sampling.probability=0.5")
            .run(context -> {
                Sampler sampler = context.getBean(Sampler.class);

                for (boolean flag : List.of(true, false)) {
                    assertThat(decision(sampler, LOW_TRACE_ID, flag)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
                    assertThat(decision(sampler, HIGH_TRACE_ID, flag)).isEqualTo(SamplingDecision.DROP);
                }
            });
    }

    @Test
    void withExportSwitchedOffAnEndpointAloneMakesNoSpans() {
        contexts
            .withPropertyValues("management.tracing.export.enabled=false",
                    "management.opentelemetry.tracing.export.otlp.endpoint=http://localhost:4318/v1/traces")
            .run(context -> assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP));
    }

    @Test
    void withExportOpenTelemetryMakesTheSpans() {
        contexts
            .withPropertyValues("management.tracing.export.enabled=true",
                    "management.opentelemetry.tracing.export.otlp.endpoint=http://localhost:4318/v1/traces")
            .run(context -> {
                assertThat(context.getBean(Tracer.class)).isInstanceOf(OtelTracer.class);
                assertThat(context.getBean(Propagator.class)).isNotSameAs(Propagator.NOOP);
                assertThat(observationCarriedOnThreads()).as("Lettuce and R2DBC spans find their parent there")
                    .isTrue();
            });
    }

    @Test
    void anApplicationsOwnSamplerWins() {
        contexts.withUserConfiguration(OwnSampler.class)
            .withPropertyValues("management.tracing.export.enabled=true",
                    "management.opentelemetry.tracing.export.otlp.endpoint=http://localhost:4318/v1/traces")
            .run(context -> assertThat(context.getBean(Sampler.class)).isSameAs(OwnSampler.SAMPLER));
    }

    /**
     * The decision for a server span whose remote parent (the gateway) has this trace id
     * and flag.
     */
    private static SamplingDecision decision(Sampler sampler, String traceId, boolean sampled) {
        SpanContext gateway = SpanContext.createFromRemoteParent(traceId, "00f067aa0ba902b7",
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        return sampler
            .shouldSample(Context.root().with(Span.wrap(gateway)), traceId, "http get /users/{id}", SpanKind.SERVER,
                    Attributes.empty(), List.of())
            .getDecision();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSampler {

        static final Sampler SAMPLER = Sampler.alwaysOn();

        @Bean
        Sampler sampler() {
            return SAMPLER;
        }

    }

    private static boolean observationCarriedOnThreads() {
        return ContextRegistry.getInstance()
            .getThreadLocalAccessors()
            .stream()
            .anyMatch(accessor -> ObservationThreadLocalAccessor.KEY.equals(accessor.key()));
    }

}
