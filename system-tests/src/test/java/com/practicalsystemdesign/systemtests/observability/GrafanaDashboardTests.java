package com.practicalsystemdesign.systemtests.observability;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard parses, reads its data source from a variable (so it works with compose's
 * provisioned Prometheus and with any other), and shows what docs/observability.md
 * promises: request rate, latency, cache hit ratio and store errors. That its metrics
 * exist is LocalRunWalkthroughIT's part, against the running services.
 */
class GrafanaDashboardTests {

    private final GrafanaDashboard dashboard = GrafanaDashboard.read();

    @Test
    void isADashboardWithAStableUidAndADataSourceVariable() {
        JsonNode json = dashboard.json();

        assertThat(json.path("uid").asString()).isEqualTo("practical-system-design");
        assertThat(json.path("title").asString()).isEqualTo("Practical System Design");
        assertThat(json.path("templating").path("list")).anySatisfy(variable -> {
            assertThat(variable.path("name").asString()).isEqualTo("datasource");
            assertThat(variable.path("type").asString()).isEqualTo("datasource");
            assertThat(variable.path("query").asString()).isEqualTo("prometheus");
        });
    }

    @Test
    void everyPanelAndQueryReadsTheSelectedPrometheus() {
        List<JsonNode> panels = dashboard.panels()
            .stream()
            .filter(panel -> !panel.path("type").asString().equals("row"))
            .toList();

        assertThat(panels).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
                .isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(panel.path("title").asString()).isNotEmpty().allSatisfy(target -> {
                assertThat(target.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
                assertThat(target.path("expr").asString()).isNotBlank();
            });
        });
        assertThat(panels).extracting(panel -> panel.path("id").asInt()).doesNotHaveDuplicates();
    }

    @Test
    void showsRequestRateLatencyCacheHitRatioAndStoreErrors() {
        List<String> queries = dashboard.queries();

        assertThat(queries).anySatisfy(query -> assertThat(query).contains("rate(http_server_requests_seconds_count{"));
        assertThat(queries).anySatisfy(query -> assertThat(query).contains("histogram_quantile(0.95")
            .contains("http_server_requests_seconds_bucket{"));
        assertThat(queries).anySatisfy(query -> assertThat(query).contains("cache_requests_total{")
            .contains("result=\"hit\"")
            .contains(" / "));
        assertThat(queries).anySatisfy(query -> assertThat(query).contains("dynamodb_client_requests_seconds_count{")
            .contains("outcome=~\"SERVER_ERROR|UNKNOWN\""));
        assertThat(queries)
            .anySatisfy(query -> assertThat(query).contains("r2dbc_query_seconds_count{").contains("error!=\"none\""));
        assertThat(dashboard.metricNames()).contains("http_server_requests_seconds_count", "cache_requests_total",
                "lettuce_seconds_count", "r2dbc_pool_acquired_connections", "dynamodb_client_requests_seconds_bucket");
    }

}
