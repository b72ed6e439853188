package com.practicalsystemdesign.chatservice;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder in front of a real DynamoDB that a test can shut and reopen: shut, its
 * port refuses connections and every forwarded connection is cut, as when DynamoDB goes
 * away; open, it forwards again on the same port, as when DynamoDB comes back.
 */
final class TcpGate {

    private final InetSocketAddress upstream;

    private final int port;

    private final Set<Closeable> connections = ConcurrentHashMap.newKeySet();

    private ServerSocket listener;

    private TcpGate(InetSocketAddress upstream, int port) {
        this.upstream = upstream;
        this.port = port;
    }

    static TcpGate openTo(URI endpoint) {
        TcpGate gate = new TcpGate(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), freePort());
        gate.open();
        return gate;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    synchronized void open() {
        if (listener != null) {
            return;
        }
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress("127.0.0.1", port));
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot reopen the gate on port " + port, ex);
        }
        ServerSocket accepting = listener;
        Thread.ofVirtual().name("tcp-gate-" + port).start(() -> accept(accepting));
    }

    synchronized void shut() {
        closeQuietly(listener);
        listener = null;
        connections.forEach(TcpGate::closeQuietly);
        connections.clear();
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            try {
                Socket client = accepting.accept();
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                connections.add(client);
                connections.add(server);
                pump(client, server);
                pump(server, client);
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            }
            catch (IOException cut) {
                // The gate was shut or a side hung up.
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
                connections.remove(from);
                connections.remove(to);
            }
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        }
        catch (IOException ignored) {
            // Already closed.
        }
    }

}
