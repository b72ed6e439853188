package com.practicalsystemdesign.common.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for servers a test starts itself, so that runs never collide with each
 * other or with the default local-run ports.
 * <p>
 * The ports come from below the range the operating system hands to outgoing connections
 * (from 32768 on Linux, 49152 on macOS and Windows): a port from that range can be taken
 * by any connection, of this build or another, before the server meant for it binds.
 */
public final class Ports {

    private static final int FIRST = 10_000;

    private static final int END = 32_768;

    /** Each port once per JVM, so that two servers of one test never share one. */
    private static final Set<Integer> issued = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** A port nothing listens on right now, and not handed out before in this JVM. */
    public static int free() {
        return freeBetween(FIRST, END);
    }

    static int freeBetween(int first, int end) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(first, end);
            if (issued.add(port) && nothingListensOn(port)) {
                return port;
            }
        }
        throw new IllegalStateException("found no free TCP port from " + first + " to " + (end - 1));
    }

    private static boolean nothingListensOn(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

}
