package com.practicalsystemdesign.common.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A program some tests need beyond a JDK, how to find it, and the one command that
 * installs it.
 */
public enum Tool {

    NGINX("nginx", "nginx", "nginx"),

    CURL("curl", "curl", "curl"),

    JQ("jq", "jq", "jq"),

    /** The labs' and the benchmark's load generator. */
    WRK("wrk", "wrk", "wrk"),

    /** Draws the labs' SVG charts. */
    GNUPLOT("gnuplot", "gnuplot-nox", "gnuplot"),

    PSQL("psql", "postgresql-client", "psql"),

    REDIS_CLI("redis-cli", "redis-tools", "redis-cli"),

    /** docker-compose (v1, as Debian ships it), else Docker's compose plugin. */
    DOCKER_COMPOSE("docker-compose", "--no-install-recommends docker-compose", null) {
        @Override
        Optional<List<String>> find() {
            if (onPath("docker-compose").isPresent() && runs(List.of("docker-compose", "version"))) {
                return Optional.of(List.of("docker-compose"));
            }
            if (onPath("docker").isPresent() && runs(List.of("docker", "compose", "version"))) {
                return Optional.of(List.of("docker", "compose"));
            }
            return Optional.empty();
        }
    },

    /** Runs the pinned OpenAPI linter (Spectral) from the npm registry. */
    NPX("Node.js with npm (npx)", "npm", "npx"),

    /** The AWS CLI, which scripts/init-dynamodb.sh creates the tables with. */
    AWS_CLI("the AWS CLI", "awscli", "aws"),

    /**
     * Debian's Chromium and its WebDriver, which the browser test drives; the command is
     * the browser, then the driver.
     */
    CHROMIUM("Chromium and chromedriver", "chromium chromium-driver", null) {
        @Override
        Optional<List<String>> find() {
            return onPath("chromium")
                .flatMap(browser -> onPath("chromedriver").map(driver -> List.of(browser, driver)));
        }
    },

    /** Root, for a mount namespace of a process's own ({@code unshare --mount}). */
    ROOT("root", null, null) {
        @Override
        Optional<List<String>> find() {
            return "root".equals(System.getProperty("user.name")) ? onPath("unshare").map(List::of) : Optional.empty();
        }

        @Override
        public String install() {
            return "run the build as root (sudo ./mvnw verify)";
        }
    };

    private final String displayName;

    private final String debianPackage;

    /** The program on the PATH that is the tool, for a tool that is one program. */
    private final String executable;

    Tool(String displayName, String debianPackage, String executable) {
        this.displayName = displayName;
        this.debianPackage = debianPackage;
        this.executable = executable;
    }

    /** The command that runs the tool, when this machine has it. */
    Optional<List<String>> find() {
        return onPath(executable).map(List::of);
    }

    public boolean isPresent() {
        return find().isPresent();
    }

    /**
     * The command that runs it, such as {@code [docker, compose]}; fails when it is
     * missing.
     */
    public List<String> command() {
        return find().orElseThrow(() -> new IllegalStateException(missing()));
    }

    /** "needs nginx: sudo apt-get install -y nginx" */
    public String missing() {
        return "needs " + displayName + ": " + install();
    }

    /** The one command that installs it on this OS. */
    public String install() {
        String packageName = debianPackage.replace("--no-install-recommends ", "");
        if (System.getProperty("os.name").startsWith("Mac")) {
            return "brew install " + packageName;
        }
        if (Files.exists(Path.of("/etc/debian_version"))) {
            return "sudo apt-get install -y " + debianPackage;
        }
        if (onPath("dnf").isPresent()) {
            return "sudo dnf install -y " + packageName;
        }
        return "install " + packageName + " with your system's package manager";
    }

    static Optional<String> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static boolean runs(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (Exception ex) {
            return false;
        }
    }

}
