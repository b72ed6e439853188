package com.practicalsystemdesign.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout these tests run in, found by walking up to the directory holding
 * nginx/nginx.conf.
 */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("nginx/nginx.conf")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Run the system tests from inside the repository (no nginx/nginx.conf above "
                + Path.of("").toAbsolutePath() + ")");
    }

    public static Path resolve(String relative) {
        return path().resolve(relative);
    }

}
