package io.omnisync.sandbox.magento;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK HttpServer that records webhook deliveries and answers 500 to the first {@code failFirst} of them. */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(String path, byte[] body, String signature, String contentType, int answeredWith) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;

    WebhookReceiver(int failFirst) {
        this.failuresLeft = new AtomicInteger(failFirst);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            deliveries.add(new Delivery(exchange.getRequestURI().getPath(), body,
                    exchange.getRequestHeaders().getFirst("x-magento-signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    List<Delivery> successful(String path) {
        return deliveries.stream().filter(d -> d.answeredWith() == 200 && d.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
