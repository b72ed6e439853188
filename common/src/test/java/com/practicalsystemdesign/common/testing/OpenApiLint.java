package com.practicalsystemdesign.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lints an OpenAPI document with Spectral's {@code spectral:oas} rules (the repository's
 * {@code .spectral.yaml}), at the version pinned here, fetched by {@code npx} from the
 * npm registry. Errors fail; warnings are printed. The document is kept in
 * {@code target/openapi/} for people and other tools.
 */
public final class OpenApiLint {

    /** Pinned: a new Spectral may bring new rules; upgrade it on purpose. */
    static final String SPECTRAL = "@stoplight/spectral-cli@6.16.3";

    private OpenApiLint() {
    }

    /** Lints the document the service behind {@code client} serves at /v3/api-docs. */
    public static void assertServedDocumentHasNoErrors(String service, WebTestClient client) {
        String document = client.get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        assertNoErrors(service, document);
    }

    public static void assertNoErrors(String service, String document) {
        try {
            Path file = Path.of("target", "openapi", service + ".json").toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, document);
            List<String> command = new ArrayList<>(Tool.NPX.command());
            command.addAll(List.of("--yes", SPECTRAL, "lint", "--ruleset", ruleset().toString(), "--fail-severity",
                    "error", "--format", "text", file.toString()));
            Path output = Files.createTempFile("spectral", ".txt");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("spectral finished").isTrue();
            String report = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println("Spectral on " + service + " (" + file + "):\n" + report);
            assertThat(process.exitValue()).as("spectral's errors on %s:%n%s", service, report).isZero();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not run " + SPECTRAL, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The repository's ruleset, found from the module the tests run in. */
    private static Path ruleset() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".spectral.yaml"))) {
                return dir.resolve(".spectral.yaml");
            }
        }
        throw new IllegalStateException("No .spectral.yaml above " + Path.of("").toAbsolutePath());
    }

}
