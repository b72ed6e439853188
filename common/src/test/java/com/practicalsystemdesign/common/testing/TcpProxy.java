package com.practicalsystemdesign.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
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
 * <li>{@link #cut()}: the port itself is closed, so connecting fails at once, and every
 * open connection is cut, like a host that went away;</li>
 * <li>{@link #forward()}: back to normal, on the same port; connections from the outage
 * are closed, as a real outage would have broken them.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode {

        FORWARD, REFUSE, HANG, CUT

    }

    private final String targetHost;

    private final int targetPort;

    private final int port;

    private volatile ServerSocket server;

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private volatile Mode mode = Mode.FORWARD;

    private volatile boolean closed;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        startAccepting(server);
    }

    public static TcpProxy to(URI endpoint) {
        return to(endpoint.getHost(), endpoint.getPort());
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
        return port;
    }

    /** This proxy as an HTTP endpoint, for clients configured with a URL. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public void refuse() {
        mode = Mode.REFUSE;
        closeAll();
    }

    public void hang() {
        mode = Mode.HANG;
    }

    public synchronized void cut() {
        mode = Mode.CUT;
        closeQuietly(server);
        closeAll();
    }

    public synchronized void forward() {
        if (server.isClosed() && !closed) {
            try {
                server = listen(port);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot listen on port " + port + " again", ex);
            }
            startAccepting(server);
        }
        if (mode != Mode.FORWARD) {
            closeAll();
            mode = Mode.FORWARD;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        mode = Mode.REFUSE;
        closeQuietly(server);
        closeAll();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private void startAccepting(ServerSocket server) {
        thread("accept", () -> acceptLoop(server));
    }

    private void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (mode == Mode.REFUSE || mode == Mode.CUT) {
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
