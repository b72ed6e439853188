package com.practicalsystemdesign.systemtests.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Bytes on a socket, for what no HTTP client sends: a garbage request line, a TLS
 * handshake on the plain port, a Content-Length that is not a number. Returns the status,
 * the Content-Type and the body of nginx's answer.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public static Answer send(String baseUrl, byte[] request) {
        return Answer.parse(exchange(null, baseUrl, request));
    }

    /**
     * Sends {@code request} (one request or many, pipelined) from a local address of the
     * caller's choosing (null: any), and returns everything that came back, as it came.
     */
    public static String exchange(String fromAddress, String baseUrl, byte[] request) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket()) {
            if (fromAddress != null) {
                socket.bind(new InetSocketAddress(fromAddress, 0));
            }
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return readUntilClosed(socket.getInputStream());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * nginx closes the connection after each of these errors; a quiet socket ends the
     * read too.
     */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                answer.write(buffer, 0, read);
            }
        }
        catch (SocketTimeoutException quiet) {
            // Whatever arrived is the answer.
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }

    public record Answer(int status, String contentType, String body) {

        static Answer parse(String raw) {
            int headerEnd = raw.indexOf("\r\n\r\n");
            if (!raw.startsWith("HTTP/1.1 ") || headerEnd < 0) {
                return new Answer(-1, "", raw);
            }
            String head = raw.substring(0, headerEnd);
            String contentType = head.lines()
                .filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                .map(line -> line.substring(13).strip())
                .findFirst()
                .orElse("");
            return new Answer(Integer.parseInt(head.substring(9, 12)), contentType, raw.substring(headerEnd + 4));
        }
    }

}
