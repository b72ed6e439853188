package com.practicalsystemdesign.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder in front of a real store, so that a test can take "the store" away and
 * bring it back without touching the server other tests share. Its own threads do the
 * socket I/O; nothing runs on an event loop.
 * <ul>
 * <li>{@link #refuse()}: every connection is closed at once, like a server that is
 * down;</li>
 * <li>{@link #hang()}: connections stay open but nothing gets through, like a server that
 * stopped answering;</li>
 * <li>{@link #forward()}: back to normal; connections from the outage are closed, as a
 * real outage would have broken them.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode {

        FORWARD, REFUSE, HANG

    }

    private final String targetHost;

    private final int targetPort;

    private final ServerSocket server;

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private volatile Mode mode = Mode.FORWARD;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread("accept", this::acceptLoop);
    }

    public static TcpProxy to(String host, int port) {
        try {
            return new TcpProxy(host, port);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public void refuse() {
        mode = Mode.REFUSE;
        closeAll();
    }

    public void hang() {
        mode = Mode.HANG;
    }

    public void forward() {
        if (mode != Mode.FORWARD) {
            closeAll();
            mode = Mode.FORWARD;
        }
    }

    @Override
    public void close() {
        mode = Mode.REFUSE;
        closeQuietly(server);
        closeAll();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (mode == Mode.REFUSE) {
                    closeQuietly(client);
                }
                else {
                    sockets.add(client);
                    thread("connect", () -> connect(client));
                }
            }
            catch (IOException ex) {
                // closed
            }
        }
    }

    private void connect(Socket client) {
        try {
            Socket upstream = new Socket();
            sockets.add(upstream);
            upstream.connect(new InetSocketAddress(targetHost, targetPort), 2000);
            thread("client->store", () -> pump(client, upstream));
            thread("store->client", () -> pump(upstream, client));
        }
        catch (IOException ex) {
            closeQuietly(client);
        }
    }

    /**
     * Copies bytes while forwarding; swallows them while hanging; ends when either side
     * closes.
     */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (mode == Mode.FORWARD) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        }
        catch (IOException ex) {
            // one side closed
        }
        finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeAll() {
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    private static void thread(String name, Runnable task) {
        Thread thread = new Thread(task, "tcp-proxy-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        }
        catch (Exception ex) {
            // already closed
        }
    }

}
