package com.practicalsystemdesign.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Free TCP ports for servers a test starts itself, so that runs never collide with each
 * other or with the default local-run ports.
 */
public final class Ports {

    private Ports() {
    }

    /** A port nothing listens on right now (the operating system's choice). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
