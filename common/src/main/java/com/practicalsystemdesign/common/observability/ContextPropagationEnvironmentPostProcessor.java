package com.practicalsystemdesign.common.observability;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import com.practicalsystemdesign.common.CommonDefaultsEnvironmentPostProcessor;

/**
 * Chooses Reactor's context propagation ({@code spring.reactor.context-propagation})
 * unless it is set explicitly:
 * <ul>
 * <li>{@code limited} while no spans are exported (the default). Nothing needs the
 * current observation on the thread, and the request's MDC is put there around each log
 * line (web.RequestMdc). {@code auto} would restore the observation at every operator of
 * every request, and a page of rows passes several per row (its cost:
 * docs/performance.md).</li>
 * <li>{@code auto} while spans are exported
 * ({@code management.tracing.export.enabled=true}): Lettuce and R2DBC open their spans
 * under the observation they find on the current thread, so it must be there after every
 * hop between threads, or the trace falls apart.</li>
 * </ul>
 */
public class ContextPropagationEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "spring.reactor.context-propagation";

    static final String EXPORT_ENABLED = "management.tracing.export.enabled";

    static final String SOURCE = "contextPropagationFollowsSpanExport";

    @Override
    public int getOrder() {
        // After the shared defaults, which may set either property.
        return CommonDefaultsEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(PROPERTY)) {
            return;
        }
        boolean exporting = environment.getProperty(EXPORT_ENABLED, Boolean.class, false);
        environment.getPropertySources()
            .addLast(new MapPropertySource(SOURCE, Map.of(PROPERTY, exporting ? "auto" : "limited")));
    }

}
