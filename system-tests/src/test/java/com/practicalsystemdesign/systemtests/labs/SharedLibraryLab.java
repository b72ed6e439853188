package com.practicalsystemdesign.systemtests.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import com.practicalsystemdesign.common.testing.Ports;
import com.practicalsystemdesign.systemtests.RepositoryRoot;
import com.practicalsystemdesign.systemtests.e2e.Gateway;

import static org.awaitility.Awaitility.await;

/**
 * The design's "adding Redis to chat-service", live. chat-service runs twice from the
 * same jar, with REDIS_URL set both times: as it ships (no Redis driver: nothing
 * connects), and with the reactive Redis starter beside its jar and REDIS_URL naming
 * database 1. No line of chat-service changes: common's auto-configuration turns
 * REDIS_URL into a ready client. What it shows is Actuator's health (its redis component)
 * and Redis's own CLIENT LIST (a client of chat-service on database 1, which its health
 * check uses).
 */
class SharedLibraryLab implements LabProgram {

    @Override
    public void run(LabRun lab) throws Exception {
        Path starter = lab.out().resolve("redis-starter");
        lab.step("resolving spring-boot-starter-data-redis-reactive with the project's versions "
                + "(scripts/lab/shared-library/pom.xml)");
        resolveStarter(lab, starter);
        lab.step("starting a stack of its own (its chat-service gets REDIS_URL too, as the local run gives it)");
        LabStack stack = LabStack.start(lab, Map.of("MANAGEMENT_ENDPOINT_HEALTH_SHOW_COMPONENTS", "always"));
        Gateway shipped = new Gateway("http://127.0.0.1:" + stack.port("CHAT_MANAGEMENT_PORT"));
        Path jar = chatServiceJar();
        List<String> added = onlyWhatTheJarLacks(jar, starter);

        JsonNode before = shipped.get("/actuator/health").json();
        lab.record("before.health_components", String.join(",", before.get("components").propertyNames()));
        lab.record("before.lists_redis", before.get("components").has("redis") ? 1 : 0);
        lab.record("before.clients_on_db1", clientsOnDatabaseOne(stack).size());

        int port = Ports.free();
        int management = Ports.free();
        lab.step("starting chat-service again with the starter's jars beside it (" + String.join(" ", added)
                + ") and REDIS_URL=redis://127.0.0.1:" + stack.port("REDIS_PORT") + "/1");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-Dloader.path=" + starter, "-cp", jar.toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher")
            .redirectErrorStream(true)
            .redirectOutput(lab.out().resolve("logs/chat-service-with-redis.log").toFile());
        builder.environment()
            .putAll(Map.of("SERVER_PORT", String.valueOf(port), "SERVER_ADDRESS", "127.0.0.1", "MANAGEMENT_SERVER_PORT",
                    String.valueOf(management), "MANAGEMENT_SERVER_ADDRESS", "127.0.0.1", "REDIS_URL",
                    "redis://127.0.0.1:" + stack.port("REDIS_PORT") + "/1", "DYNAMODB_ENDPOINT",
                    "http://127.0.0.1:" + stack.port("DYNAMODB_PORT"), "AWS_REGION", "us-east-1",
                    "MANAGEMENT_ENDPOINT_HEALTH_SHOW_COMPONENTS", "always"));
        Process withRedis = builder.start();
        lab.closeAtEnd(() -> {
            withRedis.destroy();
            withRedis.waitFor();
        });
        Gateway withStarter = new Gateway("http://127.0.0.1:" + management);
        await("chat-service with Redis ready; see logs/chat-service-with-redis.log").atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .failFast(() -> !withRedis.isAlive())
            .until(() -> withStarter.get("/actuator/health/readiness").status() == 200);

        JsonNode after = withStarter.get("/actuator/health").json();
        lab.record("after.health_components", String.join(",", after.get("components").propertyNames()));
        lab.record("after.lists_redis", after.get("components").has("redis") ? 1 : 0);
        lab.record("after.redis_status", after.at("/components/redis/status").asString("absent"));
        List<String> clients = clientsOnDatabaseOne(stack);
        lab.record("after.clients_on_db1", clients.size());
        lab.record("after.answers_chats", new Gateway("http://127.0.0.1:" + port).get("/health").status());
        lab.record("jars_added", added.size());
        lab.record("code_changed", 0);

        lab.print(Table.of("chat-service", "REDIS_URL", "health components", "lists redis", "Redis clients on db 1")
            .row("as it ships", "redis://…/0", lab.recorded("before.health_components"),
                    lab.recorded("before.lists_redis"), lab.recorded("before.clients_on_db1"))
            .row("+ reactive Redis starter", "redis://…/1", lab.recorded("after.health_components"),
                    lab.recorded("after.lists_redis") + " (" + lab.recorded("after.redis_status") + ")",
                    lab.recorded("after.clients_on_db1")));
        lab.note("    jars added beside chat-service's jar: " + String.join(" ", added));
        lab.note("    Redis CLIENT LIST, database 1:");
        clients.forEach(client -> lab.note("      " + client.substring(0, Math.min(140, client.length()))));
        lab.note("");
        lab.chart("shared-library.svg",
                new SvgChart("chat-service's jar with REDIS_URL set: what its health and Redis show", "count", "")
                    .rows(List.of("as it ships", "+ reactive Redis starter"))
                    .bars("a redis component in its health", "#3b7dd8", lab.number("before.lists_redis"),
                            lab.number("after.lists_redis"))
                    .bars("its clients on Redis database 1 (CLIENT LIST)", "#e09b1a",
                            lab.number("before.clients_on_db1"), lab.number("after.clients_on_db1")));
        boolean works = (int) lab.recorded("after.lists_redis") == 1 && (int) lab.recorded("before.lists_redis") == 0
                && clients.size() > 0;
        lab.finish("With REDIS_URL set both times, chat-service as it ships listed "
                + lab.recorded("before.lists_redis") + " Redis component and had "
                + lab.recorded("before.clients_on_db1") + " client on db 1; with " + added.size()
                + " jars beside it and no code changed, " + (works
                        ? "the dependency alone gave chat-service a Redis client on database 1, listed in its health as "
                                + lab.recorded("after.redis_status")
                        : "chat-service did not get a working Redis client from the dependency")
                + ".");
    }

    private static void resolveStarter(LabRun lab, Path starter) throws IOException, InterruptedException {
        Process maven = new ProcessBuilder("./mvnw", "-B", "-ntp", "-q", "-f", "scripts/lab/shared-library/pom.xml",
                "dependency:copy-dependencies", "-DincludeScope=runtime", "-DoutputDirectory=" + starter)
            .directory(RepositoryRoot.path().toFile())
            .redirectErrorStream(true)
            .redirectOutput(lab.out().resolve("logs/resolve.log").toFile())
            .start();
        if (maven.waitFor() != 0) {
            throw new IllegalStateException("could not resolve the Redis starter; see logs/resolve.log");
        }
    }

    /**
     * Removes the starter's jars that chat-service's jar already has; returns the rest.
     */
    private static List<String> onlyWhatTheJarLacks(Path jar, Path starter) throws IOException {
        Set<String> inJar = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream()
                .map(entry -> entry.getName())
                .filter(name -> name.startsWith("BOOT-INF/lib/"))
                .forEach(name -> inJar.add(name.substring("BOOT-INF/lib/".length())));
        }
        try (Stream<Path> jars = Files.list(starter)) {
            for (Path each : jars.toList()) {
                if (inJar.contains(each.getFileName().toString())) {
                    Files.delete(each);
                }
            }
        }
        try (Stream<Path> jars = Files.list(starter)) {
            return jars.map(each -> each.getFileName().toString().replaceAll("\\.jar$", "")).sorted().toList();
        }
    }

    private static List<String> clientsOnDatabaseOne(LabStack stack) {
        return stack.redis.run("CLIENT", "LIST").lines().filter(line -> line.contains(" db=1 ")).toList();
    }

    private static Path chatServiceJar() throws IOException {
        try (Stream<Path> files = Files.list(RepositoryRoot.resolve("chat-service/target"))) {
            return files.filter(file -> file.getFileName().toString().matches("chat-service-[^-]+(-SNAPSHOT)?\\.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("chat-service/target has no jar"));
        }
    }

}
