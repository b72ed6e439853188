package com.practicalsystemdesign.systemtests.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.practicalsystemdesign.common.testing.Ports;
import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.e2e.LocalRun;

import static org.awaitility.Awaitility.await;

/**
 * A second gateway, rendered from nginx/nginx.conf exactly as every mode renders it, but
 * with {@code USER_SERVICE_ADDR=user-service:<port>}, the form docker compose and
 * Kubernetes use. The name {@code user-service} resolves to two loopback addresses,
 * 127.0.0.1 (the local run's instance) and 127.0.0.2 (a {@link UserServiceReplica}), and
 * nginx makes one upstream server of each address it resolves at start, as it does for a
 * headless Service with two pods. The name comes from a hosts file bind-mounted over
 * /etc/hosts in a mount namespace of nginx's own ({@code unshare --mount}), so the
 * machine's /etc/hosts is never edited. That needs root.
 */
public final class BalancingGateway implements AutoCloseable {

    static final String USER_SERVICE_NAME = "user-service";

    private final Process nginx;

    private final Path dir;

    private final int port;

    private BalancingGateway(Process nginx, Path dir, int port) {
        this.nginx = nginx;
        this.dir = dir;
        this.port = port;
    }

    public static BalancingGateway start(LocalRun run, Path dir) {
        int port = Ports.free();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n127.0.0.1 " + USER_SERVICE_NAME + "\n"
                    + UserServiceReplica.ADDRESS + " " + USER_SERVICE_NAME + "\n");
            render(dir, "127.0.0.1:" + port, USER_SERVICE_NAME + ":" + run.setting("USER_SERVICE_PORT"),
                    "127.0.0.1:" + run.setting("CHAT_SERVICE_PORT"));
            Process nginx = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
                    "mount --bind \"$1/hosts\" /etc/hosts && exec nginx -p \"$1\" -c \"$1/nginx.conf\" "
                            + "-g \"daemon off; pid $1/nginx.pid;\"",
                    "sh", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway.log").toFile())
                .start();
            BalancingGateway gateway = new BalancingGateway(nginx, dir, port);
            await("balancing gateway up; see " + dir.resolve("gateway.log")).atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .failFast("nginx exited; see " + dir.resolve("gateway.log"), () -> !nginx.isAlive())
                .until(() -> gateway.client().get("/health").status() == 200);
            return gateway;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public Gateway client() {
        return new Gateway("http://127.0.0.1:" + port);
    }

    /**
     * How many requests the access log shows proxied to one upstream address (host:port).
     */
    long requestsProxiedTo(String upstream) {
        try {
            return Files.readAllLines(dir.resolve("gateway.log"))
                .stream()
                .filter(line -> line.contains("upstream=" + upstream))
                .count();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The gateway's access log, one line per request, as nginx wrote it. */
    public List<String> accessLog() {
        try {
            return Files.readAllLines(dir.resolve("gateway.log"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        nginx.destroy();
        try {
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Renders the template exactly as local-up.sh does, with its three variables. */
    private static void render(Path dir, String listen, String userService, String chatService) throws IOException {
        Files.writeString(dir.resolve("nginx.conf"), Gateway.renderConfig(
                Map.of("GATEWAY_LISTEN", listen, "USER_SERVICE_ADDR", userService, "CHAT_SERVICE_ADDR", chatService)));
    }

}
