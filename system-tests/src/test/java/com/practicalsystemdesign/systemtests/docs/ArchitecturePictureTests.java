package com.practicalsystemdesign.systemtests.docs;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture is drawn once: the picture in the docs is the one the console lights
 * up.
 */
class ArchitecturePictureTests {

    @Test
    void theDocsShowTheConsolesPicture() throws IOException {
        assertThat(Files.mismatch(RepositoryRoot.resolve("nginx/console/architecture.svg"),
                RepositoryRoot.resolve("docs/images/architecture.svg")))
            .as("docs/images/architecture.svg differs from nginx/console/architecture.svg: "
                    + "cp nginx/console/architecture.svg docs/images/")
            .isEqualTo(-1L);
    }

}
