package com.practicalsystemdesign.common.observability;

import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

/**
 * Whether Reactor puts the current observation on the thread, next to the request's MDC,
 * wherever it restores thread locals. Only spans need it: Lettuce and R2DBC make theirs
 * children of the observation they find there. Without an exporter nothing reads it, yet
 * every restore would open and close an observation scope, once per row in
 * r2dbc-postgresql (its cost: docs/performance.md).
 */
final class ObservationOnThreads {

    private ObservationOnThreads() {
    }

    static void carry(boolean carried) {
        ContextRegistry registry = ContextRegistry.getInstance();
        boolean registered = registry.getThreadLocalAccessors()
            .stream()
            .anyMatch(accessor -> ObservationThreadLocalAccessor.KEY.equals(accessor.key()));
        if (carried && !registered) {
            registry.registerThreadLocalAccessor(new ObservationThreadLocalAccessor());
        }
        else if (!carried && registered) {
            registry.removeThreadLocalAccessor(ObservationThreadLocalAccessor.KEY);
        }
    }

}
