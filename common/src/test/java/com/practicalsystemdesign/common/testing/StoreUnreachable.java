package com.practicalsystemdesign.common.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Fails a test run with one line that says what to start. */
final class StoreUnreachable extends IllegalStateException {

    private StoreUnreachable(String message) {
        super(message);
    }

    static void check(String store, String host, int port, String howToStart) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        }
        catch (IOException ex) {
            throw new StoreUnreachable("Docker is unavailable and " + store + " is not reachable at " + host + ":" + port
                    + ": " + howToStart);
        }
    }
}
