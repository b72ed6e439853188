package com.practicalsystemdesign.common.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis commands over a plain socket (RESP), answered the way {@code redis-cli --raw}
 * prints them: one line per value, an empty line for a missing one. Tests need no
 * redis-cli and no client library of their own for a handful of commands.
 */
public final class RedisCommands {

    private final String host;

    private final int port;

    public RedisCommands(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Sends one command on a fresh connection and returns its reply, flattened to lines.
     */
    public List<String> run(String... command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(encode(command));
            out.flush();
            List<String> lines = new ArrayList<>();
            read(new BufferedInputStream(socket.getInputStream()), lines);
            return lines;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Redis at " + host + ":" + port + " failed on " + command[0], ex);
        }
    }

    private static byte[] encode(String... words) {
        StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            command.append('$')
                .append(word.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\n")
                .append(word)
                .append("\r\n");
        }
        return command.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void read(InputStream in, List<String> lines) throws IOException {
        String line = readLine(in);
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+', ':' -> lines.add(rest);
            case '-' -> throw new IllegalStateException("Redis answered an error: " + rest);
            case '$' -> lines.add(rest.equals("-1") ? "" : bulk(in, Integer.parseInt(rest)));
            case '*' -> {
                for (int i = 0; i < Integer.parseInt(rest); i++) {
                    read(in, lines);
                }
            }
            default -> throw new IllegalStateException("Unexpected Redis reply: " + line);
        }
    }

    private static String bulk(InputStream in, int length) throws IOException {
        byte[] value = in.readNBytes(length + 2);
        return new String(value, 0, length, StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new IOException("Redis closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

}
