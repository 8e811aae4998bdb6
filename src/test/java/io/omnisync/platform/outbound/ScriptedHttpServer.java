package io.omnisync.platform.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP/1.1 server on a loopback port that answers what a test scripts, including what well-behaved servers never
 * do: a connection reset, an empty response, a redirect inward, a hold until the test releases it. Every accepted
 * connection and every request (with the time of a clock the test chooses) is recorded. A canary is one whose script
 * is never meant to run: {@link #connections()} must stay 0.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, Map<String, String> headers, String body, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What to do with a request. */
    public static final class Reply {
        final int status;
        final Map<String, String> headers;
        final byte[] body;
        final boolean reset;
        final boolean empty;
        final CountDownLatch hold;

        private Reply(int status, Map<String, String> headers, byte[] body, boolean reset, boolean empty, CountDownLatch hold) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.reset = reset;
            this.empty = empty;
            this.hold = hold;
        }

        public static Reply status(int status, String body, String... headerPairs) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                headers.put(headerPairs[i], headerPairs[i + 1]);
            }
            return new Reply(status, headers, body.getBytes(StandardCharsets.UTF_8), false, false, null);
        }

        public static Reply json(int status, String body, String... headerPairs) {
            String[] all = java.util.Arrays.copyOf(headerPairs, headerPairs.length + 2);
            all[headerPairs.length] = "Content-Type";
            all[headerPairs.length + 1] = "application/json";
            return status(status, body, all);
        }

        /** Closes the connection with a TCP reset after reading the request. */
        public static Reply reset() {
            return new Reply(0, Map.of(), new byte[0], true, false, null);
        }

        /** Closes the connection without a byte of response. */
        public static Reply empty() {
            return new Reply(0, Map.of(), new byte[0], false, true, null);
        }

        /** This reply, sent only once {@code latch} is released. */
        public Reply after(CountDownLatch latch) {
            return new Reply(status, headers, body, reset, empty, latch);
        }
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-http");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock;
    private volatile Function<Request, Reply> script;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private ScriptedHttpServer(Clock clock, Function<Request, Reply> script) throws IOException {
        this.clock = clock;
        this.script = script;
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public static ScriptedHttpServer start(Function<Request, Reply> script) {
        return start(Clock.systemUTC(), script);
    }

    public static ScriptedHttpServer start(Clock clock, Function<Request, Reply> script) {
        try {
            return new ScriptedHttpServer(clock, script);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A listener that must never be called: its connections are counted, each answered 200 "canary". */
    public static ScriptedHttpServer canary() {
        return start(request -> Reply.status(200, "canary"));
    }

    public void script(Function<Request, Reply> newScript) {
        this.script = newScript;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int connections() {
        return connections.get();
    }

    public List<Request> requests() {
        return requests;
    }

    public long requests(String method, String pathPart) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart)).count();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.incrementAndGet();
                threads.execute(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] first = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            Request request = new Request(first[0], first[1], headers, body, clock.instant());
            requests.add(request);
            Reply reply = script.apply(request);
            if (reply.hold != null) {
                reply.hold.await(60, TimeUnit.SECONDS);
            }
            if (reply.reset) {
                connection.setSoLinger(true, 0);
                return;
            }
            if (reply.empty) {
                return;
            }
            StringBuilder response = new StringBuilder("HTTP/1.1 ").append(reply.status).append(" Scripted\r\n")
                    .append("Content-Length: ").append(reply.body.length).append("\r\nConnection: close\r\n");
            reply.headers.forEach((name, value) -> response.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = connection.getOutputStream();
            out.write(response.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(reply.body);
            out.flush();
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client went away; nothing to answer
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
