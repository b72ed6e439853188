package com.practicalsystemdesign.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reserves one of the local Redis server's logical databases 1-15 for this run (a lease key in
 * database 0, so concurrent runs never share one), empties it, and frees it at JVM exit.
 * Speaks RESP over a socket so the harness needs no Redis client of its own.
 */
final class LocalRedis {

    private static final String LEASE_PREFIX = "psd:test-db-lease:";

    private static final int LEASE_SECONDS = 3 * 60 * 60;

    private LocalRedis() {
    }

    static RedisStore start() {
        String host = RealStores.env("TEST_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(RealStores.env("TEST_REDIS_PORT", "6379"));
        StoreUnreachable.check("Redis", host, port,
                "start it (redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no) or set TEST_REDIS_HOST/PORT");
        String owner = UUID.randomUUID().toString();
        for (int database = 1; database < 16; database++) {
            if ("+OK".equals(command(host, port, "SET", LEASE_PREFIX + database, owner, "NX", "EX",
                    String.valueOf(LEASE_SECONDS)))) {
                command(host, port, "SELECT", String.valueOf(database), "FLUSHDB");
                int leased = database;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> command(host, port, "DEL", LEASE_PREFIX + leased)));
                return new RedisStore(host, port, database);
            }
        }
        throw new IllegalStateException("All Redis databases 1-15 at " + host + ":" + port
                + " are leased by other test runs; delete the keys " + LEASE_PREFIX + "* in database 0 if none runs");
    }

    /**
     * Sends one command (or, for SELECT followed by a command, two) and returns the first line of
     * the last reply.
     */
    private static String command(String host, int port, String... words) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            int replies = 1;
            if ("SELECT".equals(words[0])) {
                out.write(resp(words[0], words[1]));
                out.write(resp(java.util.Arrays.copyOfRange(words, 2, words.length)));
                replies = 2;
            }
            else {
                out.write(resp(words));
            }
            out.flush();
            String line = null;
            InputStream in = socket.getInputStream();
            for (int i = 0; i < replies; i++) {
                line = readLine(in);
            }
            return line;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Redis at " + host + ":" + port + " failed", ex);
        }
    }

    private static byte[] resp(String... words) {
        StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
                .append("\r\n");
        }
        return command.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
