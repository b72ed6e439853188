package com.practicalsystemdesign.common.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Runs DynamoDB Local (in memory) as a separate JVM on a free port. Its jars come from
 * the {@code scripts/stores} module, which the reactor builds before any test module; a
 * separate process keeps its Jetty, log4j and AWS SDK away from the services' classpath.
 */
final class LocalDynamoDb {

    static final String MAIN_CLASS = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";

    private static final String REGION = "us-east-1";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private LocalDynamoDb() {
    }

    static DynamoDbStore start() {
        String existing = System.getenv("TEST_DYNAMODB_ENDPOINT");
        if (existing != null && !existing.isBlank()) {
            return new DynamoDbStore(URI.create(existing), REGION);
        }
        Path lib = findLib();
        int port = Ports.free();
        Path log = Path.of("target", "dynamodb-local-" + port + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(
                    List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", lib + File.separator + "*", MAIN_CLASS,
                            "-inMemory", "-sharedDb", "-disableTelemetry", "-port", String.valueOf(port)))
                // It writes a metadata file into its working directory: keep that inside
                // target/.
                .directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            awaitPort(process, port, log);
            awaitAnswer(process, port, log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start DynamoDB Local", ex);
        }
        return new DynamoDbStore(URI.create("http://127.0.0.1:" + port), REGION);
    }

    private static Path findLib() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path lib = dir.resolve("scripts/stores/target/dynamodb-local/lib");
            if (Files.isDirectory(lib)) {
                return lib;
            }
        }
        throw new IllegalStateException("DynamoDB Local's jars are missing: run "
                + "./mvnw -q -f scripts/stores/pom.xml generate-resources (a full ./mvnw verify does it)");
    }

    /**
     * An open port is not a ready server: the first calls to a DynamoDB Local that has
     * just started can take seconds (a cold JVM), longer than the services' health check
     * allows. Tests start once a real call has been answered.
     */
    private static void awaitAnswer(Process process, int port, Path log) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        try (DynamoDbAsyncClient client = DynamoDbAsyncClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .region(Region.of(REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
            while (process.isAlive()) {
                try {
                    client.listTables()
                        .get(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                catch (ExecutionException notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        break;
                    }
                }
                catch (TimeoutException | IllegalArgumentException ex) {
                    break;
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while DynamoDB Local started", ex);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "DynamoDB Local did not answer a ListTables within " + STARTUP_TIMEOUT + "; see " + log);
    }

    private static void awaitPort(Process process, int port, Path log) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("DynamoDB Local exited at start; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            }
            catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while DynamoDB Local started", ex);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "DynamoDB Local did not open port " + port + " within " + STARTUP_TIMEOUT + "; see " + log);
    }

}
