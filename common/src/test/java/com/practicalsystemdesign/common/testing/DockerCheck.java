package com.practicalsystemdesign.common.testing;

import org.testcontainers.DockerClientFactory;

final class DockerCheck {

    private DockerCheck() {
    }

    static boolean isDockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

}
