package com.practicalsystemdesign.common.testing;

import java.util.regex.Pattern;

/**
 * A sample line of the Prometheus text format (what {@code /actuator/prometheus} serves)
 * by metric name and some of its labels, in any order, whatever other labels the line
 * has: {@code PrometheusSeries.of("cache_requests_total", "result=\"hit\"")} finds
 * {@code cache_requests_total{application="user-service",cache="users",result="hit"}
 * 3.0}.
 */
public final class PrometheusSeries {

    private PrometheusSeries() {
    }

    /**
     * For AssertJ's {@code containsPattern}; each label is {@code name="value"}, the
     * value a regex.
     */
    public static Pattern of(String metric, String... labels) {
        StringBuilder pattern = new StringBuilder("(?m)^").append(Pattern.quote(metric));
        for (String label : labels) {
            pattern.append("(?=[^\\n]*[{,]").append(label).append("[,}])");
        }
        return Pattern.compile(pattern.append("\\{[^\\n]*} ").toString());
    }

}
