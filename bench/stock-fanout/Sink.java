import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stock fan-out benchmark's world outside the system under test, in one JVM of its own: Magento (the source
 * quantity of every SKU, its salable quantity, and the signed inventory.source_items.updated webhooks it sends when
 * a quantity changes) and the three channel sinks (eBay bulkUpdatePriceQuantity, Amazon patchListingsItem and
 * JSON_LISTINGS_FEED, POS inventory batch-create). omnisync and Node-RED are measured against the same instance.
 *
 * <p>Load: {@code POST /emit?seq=N} (wrk, closed loop) or {@code POST /bench/drive?rate=R&seconds=S} (open loop at a
 * fixed rate). Event N changes SKU {@code N % skus} to quantity {@code N / skus + 1} (so every SKU only counts up),
 * stores it in Magento, then posts the signed webhook to the target and answers with the target's status.
 * Every channel update is timestamped per SKU; {@code GET /bench/report} works out, for the events sent in the
 * phase: end-to-end throughput, latency from the webhook's send to the last channel showing that value (or a newer
 * one), loss (a SKU whose channels do not all show its last value), calls per channel endpoint, and the batching
 * lower bound. Auth headers are accepted, not checked; nothing is validated against the API contracts (the sandbox
 * fakes do that in the tests), so the sink stays cheap.
 *
 * <p>Usage: java -cp jackson Sink.java port skus secret
 */
public class Sink {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] CHANNELS = {"amazon", "ebay", "pos"};
    static final int MAX_EVENTS = 8_000_000;

    final int skus;
    final byte[] secret;
    final AtomicIntegerArray magentoQty;          // per SKU: Magento's source (= salable) quantity
    final AtomicLongArray magentoSeq;             // per SKU: the newest event stored
    final long[] sentNanos = new long[MAX_EVENTS]; // per event: when its webhook left (0: not sent)
    final byte[] answered = new byte[MAX_EVENTS];  // per event: 2 = 2xx, 1 = other answer or failure
    final Map<String, ChannelLog> logs = new LinkedHashMap<>();
    final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    final AtomicLong feeds = new AtomicLong();
    final Map<String, JsonNode> feedDocuments = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    final ThreadLocal<Mac> macs;
    volatile URI target;
    volatile long phaseStart = System.nanoTime();
    final int port;

    /** Every value a channel was given for a SKU, with its arrival time. */
    static final class ChannelLog {
        final AtomicIntegerArray current;
        private long[] entries = new long[1 << 20]; // sku, value, nanos
        private int size;

        ChannelLog(int skus) {
            current = new AtomicIntegerArray(skus);
            for (int i = 0; i < skus; i++) {
                current.set(i, -1);
            }
        }

        synchronized void record(int sku, int value, long nanos) {
            current.set(sku, value);
            if (size + 3 > entries.length) {
                entries = Arrays.copyOf(entries, entries.length * 2);
            }
            entries[size++] = sku;
            entries[size++] = value;
            entries[size++] = nanos;
        }

        synchronized long[] snapshot() {
            return Arrays.copyOf(entries, size);
        }

        synchronized void clear() {
            size = 0;
        }
    }

    Sink(int port, int skus, String secret) {
        this.port = port;
        this.skus = skus;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.magentoQty = new AtomicIntegerArray(skus);
        this.magentoSeq = new AtomicLongArray(skus);
        for (int i = 0; i < skus; i++) {
            magentoSeq.set(i, -1);
        }
        for (String c : CHANNELS) {
            logs.put(c, new ChannelLog(skus));
        }
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
                return mac;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static String sku(int i) {
        return String.format("BS-%05d", i);
    }

    static int skuIndex(String sku) {
        return Integer.parseInt(sku.substring(3));
    }

    public static void main(String[] args) throws IOException {
        Sink sink = new Sink(Integer.parseInt(args[0]), Integer.parseInt(args[1]), args[2]);
        ServerSocket server = new ServerSocket(sink.port, 1024, InetAddress.getLoopbackAddress());
        System.out.println("sink listening on " + sink.port + " with " + sink.skus + " SKUs");
        var connections = Executors.newCachedThreadPool();
        while (true) {
            Socket socket = server.accept();
            socket.setTcpNoDelay(true);
            connections.execute(() -> sink.serve(socket));
        }
    }

    // ---------------------------------------------------------------------------------------------- HTTP/1.1
    // A small blocking server (a thread per keep-alive connection) and client: the JDK's HttpServer and HttpClient cost
    // several times more CPU per request, which would make the sink, not the systems under test, the limit.

    /** One request and the answer its handler set. */
    static final class Exchange {
        String method;
        String path;
        String query;
        byte[] body;
        int status = 500;
        byte[] response = new byte[0];
    }

    void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
             OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536)) {
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String[] request = line.split(" ");
                Map<String, String> headers = readHeaders(in);
                Exchange ex = new Exchange();
                ex.method = request[0];
                int q = request[1].indexOf('?');
                ex.path = q < 0 ? request[1] : request[1].substring(0, q);
                ex.query = q < 0 ? null : request[1].substring(q + 1);
                ex.body = readBody(in, headers);
                handle(ex);
                out.write(("HTTP/1.1 " + ex.status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                        + ex.response.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(ex.response);
                out.flush();
                if ("close".equalsIgnoreCase(headers.get("connection"))) {
                    return;
                }
            }
        } catch (IOException e) {
            // the peer closed the connection
        }
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new java.util.HashMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
        }
        return headers;
    }

    static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    readHeaders(in); // trailers up to the blank line
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        }
        String length = headers.get("content-length");
        return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    }

    /** A keep-alive connection to the system under test. */
    static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        boolean open = true;

        Connection(URI target) throws IOException {
            socket = new Socket(target.getHost(), target.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16384);
            out = new BufferedOutputStream(socket.getOutputStream(), 16384);
        }

        int post(URI target, String signature, byte[] body) throws IOException {
            out.write(("POST " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                    + "\r\nContent-Type: application/json\r\nx-magento-signature: " + signature + "\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String status = readLine(in);
            if (status == null) {
                throw new IOException("closed");
            }
            Map<String, String> headers = readHeaders(in);
            readBody(in, headers);
            // Tomcat closes a keep-alive connection after 100 requests and says so
            open = !"close".equalsIgnoreCase(headers.get("connection"));
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    // ---------------------------------------------------------------------------------------------- dispatch

    void handle(Exchange ex) throws IOException {
        try {
            byte[] body = ex.body;
            String method = ex.method;
            String path = ex.path;
            Map<String, String> query = query(ex.query);
            if (path.equals("/emit")) {
                int status = emit(Long.parseLong(query.get("seq")));
                send(ex, status, "{}");
            } else if (path.equals("/bench/null")) {
                send(ex, 200, "{}");
            } else if (path.startsWith("/bench/")) {
                send(ex, 200, control(path, query));
            } else if (path.startsWith("/rest/")) {
                magento(ex, path, query);
            } else if (path.equals("/identity/v1/oauth2/token") || path.equals("/auth/o2/token")) {
                count(path.startsWith("/auth") ? "amazon token" : "ebay token");
                send(ex, 200, "{\"access_token\":\"bench-token\",\"token_type\":\"Bearer\",\"expires_in\":7200}");
            } else if (path.startsWith("/sell/inventory/v1/")) {
                ebay(ex, method, path, query, body);
            } else if (path.startsWith("/listings/") || path.startsWith("/feeds/") || path.startsWith("/feed-docs/")) {
                amazon(ex, method, path, query, body);
            } else if (path.startsWith("/v2/")) {
                pos(ex, path, body);
            } else {
                count("other " + method + " " + path.replaceAll("[0-9]+", "N"));
                send(ex, 404, "{\"message\":\"not in the bench sink\"}");
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(ex, 500, "{\"message\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    void count(String endpoint) {
        calls.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    static void send(Exchange ex, int status, String body) {
        ex.status = status;
        ex.response = body.getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    // ---------------------------------------------------------------------------------------------- Magento

    /** Stores event seq's quantity in Magento, then delivers its signed webhook; answers the target's status. */
    int emit(long seq) {
        int sku = (int) (seq % skus);
        int quantity = (int) (seq / skus) + 1;
        synchronized (this.magentoQty) {
            if (seq > magentoSeq.get(sku)) {
                magentoSeq.set(sku, seq);
                magentoQty.set(sku, quantity);
            }
        }
        String body = "{\"data\":{\"sku\":\"" + sku(sku) + "\",\"source_code\":\"us_warehouse\",\"quantity\":" + quantity
                + ",\"status\":1,\"updated_at\":\"2026-11-22 12:00:00\",\"version\":" + seq + "}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = HexFormat.of().formatHex(macs.get().doFinal(bytes));
        URI to = target;
        sentNanos[(int) seq] = System.nanoTime();
        int status;
        Connection connection = idle.poll();
        try {
            if (connection == null || !connection.socket.getInetAddress().equals(InetAddress.getByName(to.getHost()))
                    || connection.socket.getPort() != to.getPort()) {
                if (connection != null) {
                    connection.socket.close();
                }
                connection = new Connection(to);
            }
            status = connection.post(to, signature, bytes);
            if (connection.open) {
                idle.add(connection);
            } else {
                connection.socket.close();
            }
        } catch (IOException e) {
            status = 599;
            try {
                connection.socket.close();
            } catch (IOException | RuntimeException ignored) {
                // already broken
            }
        }
        answered[(int) seq] = (byte) (status / 100 == 2 ? 2 : 1);
        return status;
    }

    void magento(Exchange ex, String path, Map<String, String> query) throws IOException {
        if (path.contains("/V1/inventory/get-product-salable-quantity/")) {
            count("magento salable-quantity");
            String[] parts = path.split("/");
            send(ex, 200, Integer.toString(magentoQty.get(skuIndex(parts[parts.length - 2]))));
        } else if (path.endsWith("/V1/inventory/source-items")) {
            count("magento source-items");
            ArrayNode items = JSON.createArrayNode();
            for (Map.Entry<String, String> e : query.entrySet()) {
                if (e.getKey().contains("[filters]") && e.getKey().endsWith("[field]") && e.getValue().equals("sku")) {
                    String value = query.get(e.getKey().replace("[field]", "[value]"));
                    for (String s : value.split(",")) {
                        int i = skuIndex(s.trim());
                        items.addObject().put("sku", sku(i)).put("source_code", "us_warehouse")
                                .put("quantity", magentoQty.get(i)).put("status", 1);
                    }
                }
            }
            ObjectNode page = JSON.createObjectNode();
            page.set("items", items);
            page.put("total_count", items.size());
            send(ex, 200, page.toString());
        } else if (path.endsWith("/V1/inventory/stock-source-links")) {
            count("magento stock-source-links");
            send(ex, 200, "{\"items\":[{\"source_code\":\"us_warehouse\",\"stock_id\":1,\"priority\":1}],\"total_count\":1}");
        } else if (path.contains("/V1/inventory/stock-resolver/website/")) {
            count("magento stock-resolver");
            send(ex, 200, "{\"stock_id\":1}");
        } else if (path.endsWith("/V1/store/websites")) {
            count("magento store");
            send(ex, 200, "[{\"id\":0,\"code\":\"admin\",\"name\":\"Admin\",\"default_group_id\":0},"
                    + "{\"id\":1,\"code\":\"base\",\"name\":\"Main Website\",\"default_group_id\":1}]");
        } else if (path.endsWith("/V1/store/storeViews")) {
            count("magento store");
            send(ex, 200, "[{\"id\":1,\"code\":\"default\",\"name\":\"Default Store View\",\"website_id\":1,"
                    + "\"store_group_id\":1,\"is_active\":1}]");
        } else if (path.endsWith("/V1/store/storeConfigs")) {
            count("magento store");
            send(ex, 200, "[{\"id\":1,\"code\":\"default\",\"website_id\":1,\"locale\":\"en_US\",\"base_currency_code\":"
                    + "\"USD\",\"default_display_currency_code\":\"USD\",\"timezone\":\"UTC\",\"weight_unit\":\"lbs\"}]");
        } else {
            count("other magento " + path.replaceAll("[0-9]+", "N"));
            send(ex, 404, "{\"message\":\"not in the bench sink\"}");
        }
    }

    // ---------------------------------------------------------------------------------------------- channels

    void ebay(Exchange ex, String method, String path, Map<String, String> query, byte[] body) throws IOException {
        if (path.endsWith("/bulk_update_price_quantity")) {
            count("ebay bulkUpdatePriceQuantity");
            long now = System.nanoTime();
            ArrayNode responses = JSON.createArrayNode();
            for (JsonNode r : JSON.readTree(body).path("requests")) {
                String sku = r.path("sku").asText();
                for (JsonNode offer : r.path("offers")) {
                    if (offer.has("availableQuantity")) {
                        logs.get("ebay").record(skuIndex(sku), offer.path("availableQuantity").asInt(), now);
                    }
                    responses.addObject().put("statusCode", 200).put("sku", sku).put("offerId", offer.path("offerId").asText());
                }
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.set("responses", responses);
            send(ex, 200, answer.toString());
        } else if (path.endsWith("/offer") && method.equals("GET")) {
            count("ebay getOffers");
            String sku = query.get("sku");
            send(ex, 200, "{\"offers\":[{\"offerId\":\"OF-" + sku + "\",\"sku\":\"" + sku + "\",\"marketplaceId\":\""
                    + query.get("marketplace_id") + "\"}],\"total\":1}");
        } else {
            count("other ebay " + method + " " + path);
            send(ex, 404, "{\"errors\":[{\"errorId\":25710,\"message\":\"not in the bench sink\"}]}");
        }
    }

    void amazon(Exchange ex, String method, String path, Map<String, String> query, byte[] body) throws IOException {
        if (path.startsWith("/listings/2021-08-01/items/") && method.equals("PATCH")) {
            count("amazon patchListingsItem");
            String sku = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
            applyAmazonPatches(sku, JSON.readTree(body).path("patches"), System.nanoTime());
            send(ex, 200, "{\"sku\":\"" + sku + "\",\"status\":\"ACCEPTED\",\"submissionId\":\"s\",\"issues\":[]}");
        } else if (path.equals("/feeds/2021-06-30/documents") && method.equals("POST")) {
            count("amazon createFeedDocument");
            long id = feeds.incrementAndGet();
            send(ex, 200, "{\"feedDocumentId\":\"D" + id + "\",\"url\":\"http://127.0.0.1:" + port + "/feed-docs/D" + id + "\"}");
        } else if (path.startsWith("/feed-docs/") && method.equals("PUT")) {
            count("amazon upload");
            feedDocuments.put(path.substring("/feed-docs/".length()), JSON.readTree(body));
            send(ex, 200, "");
        } else if (path.equals("/feeds/2021-06-30/feeds") && method.equals("POST")) {
            count("amazon createFeed");
            String document = JSON.readTree(body).path("inputFeedDocumentId").asText();
            JsonNode feed = feedDocuments.remove(document);
            long now = System.nanoTime();
            int messages = 0;
            for (JsonNode message : feed.path("messages")) {
                applyAmazonPatches(message.path("sku").asText(), message.path("patches"), now);
                messages++;
            }
            send(ex, 202, "{\"feedId\":\"F" + document.substring(1) + "-" + messages + "\"}");
        } else if (path.startsWith("/feeds/2021-06-30/feeds/") && method.equals("GET")) {
            count("amazon getFeed");
            String feedId = path.substring(path.lastIndexOf('/') + 1);
            send(ex, 200, "{\"feedId\":\"" + feedId + "\",\"feedType\":\"JSON_LISTINGS_FEED\",\"processingStatus\":\"DONE\","
                    + "\"resultFeedDocumentId\":\"R" + feedId + "\"}");
        } else if (path.startsWith("/feeds/2021-06-30/documents/") && method.equals("GET")) {
            count("amazon getFeedDocument");
            String id = path.substring(path.lastIndexOf('/') + 1);
            send(ex, 200, "{\"feedDocumentId\":\"" + id + "\",\"url\":\"http://127.0.0.1:" + port + "/feed-docs/" + id + "\"}");
        } else if (path.startsWith("/feed-docs/R") && method.equals("GET")) {
            count("amazon download report");
            String messages = path.substring(path.lastIndexOf('-') + 1);
            send(ex, 200, "{\"header\":{\"sellerId\":\"bench\",\"version\":\"2.0\",\"feedId\":\"f\"},\"issues\":[],"
                    + "\"summary\":{\"errors\":0,\"warnings\":0,\"messagesProcessed\":" + messages + ",\"messagesAccepted\":"
                    + messages + ",\"messagesInvalid\":0}}");
        } else {
            count("other amazon " + method + " " + path.replaceAll("[0-9]+", "N"));
            send(ex, 404, "{\"errors\":[{\"code\":\"NotFound\",\"message\":\"not in the bench sink\"}]}");
        }
    }

    void applyAmazonPatches(String sku, JsonNode patches, long now) {
        for (JsonNode patch : patches) {
            if (patch.path("path").asText().equals("/attributes/fulfillment_availability")) {
                for (JsonNode value : patch.path("value")) {
                    if (value.has("quantity")) {
                        logs.get("amazon").record(skuIndex(sku), value.path("quantity").asInt(), now);
                    }
                }
            }
        }
    }

    void pos(Exchange ex, String path, byte[] body) throws IOException {
        if (path.equals("/v2/catalog/search")) {
            count("pos catalog search");
            ArrayNode objects = JSON.createArrayNode();
            for (JsonNode sku : JSON.readTree(body).path("query").path("set_query").path("attribute_values")) {
                ObjectNode o = objects.addObject().put("type", "ITEM_VARIATION").put("id", "V-" + sku.asText());
                o.putObject("item_variation_data").put("sku", sku.asText());
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.set("objects", objects);
            send(ex, 200, answer.toString());
        } else if (path.equals("/v2/inventory/changes/batch-create")) {
            count("pos batch-create");
            long now = System.nanoTime();
            ArrayNode counts = JSON.createArrayNode();
            for (JsonNode change : JSON.readTree(body).path("changes")) {
                JsonNode pc = change.path("physical_count");
                String variation = pc.path("catalog_object_id").asText();
                int quantity = new java.math.BigDecimal(pc.path("quantity").asText()).intValueExact();
                logs.get("pos").record(skuIndex(variation.substring(2)), quantity, now);
                counts.addObject().put("catalog_object_id", variation).put("location_id", pc.path("location_id").asText())
                        .put("state", "IN_STOCK").put("quantity", pc.path("quantity").asText())
                        .put("calculated_at", java.time.Instant.now().toString());
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.set("counts", counts);
            send(ex, 200, answer.toString());
        } else {
            count("other pos " + path);
            send(ex, 404, "{\"errors\":[{\"category\":\"INVALID_REQUEST_ERROR\",\"code\":\"NOT_FOUND\"}]}");
        }
    }

    // ---------------------------------------------------------------------------------------------- control and report

    String control(String path, Map<String, String> query) throws IOException {
        switch (path) {
            case "/bench/phase" -> {
                target = URI.create(query.get("target"));
                phaseStart = System.nanoTime();
                calls.clear();
                logs.values().forEach(ChannelLog::clear);
                return "{\"phase\":\"started\"}";
            }
            case "/bench/drive" -> {
                return drive(Long.parseLong(query.get("from")), Double.parseDouble(query.get("rate")),
                        Integer.parseInt(query.get("seconds")));
            }
            case "/bench/report" -> {
                return report(Long.parseLong(query.get("from")), Long.parseLong(query.get("to")),
                        Duration.parse(query.getOrDefault("window", "PT1S")).toNanos());
            }
            default -> {
                return "{\"unknown\":\"" + path + "\"}";
            }
        }
    }

    /** Open loop: sends events from, from+1, ... at a fixed rate, each on its own schedule whatever the answers take. */
    String drive(long from, double rate, int seconds) {
        long total = Math.round(rate * seconds);
        long periodNanos = Math.round(1e9 / rate);
        var senders = Executors.newFixedThreadPool(Integer.parseInt(System.getProperty("sink.senders", "64")));
        AtomicLong next = new AtomicLong(from);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            senders.execute(() -> emit(next.getAndIncrement()));
        }
        senders.shutdown();
        try {
            senders.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double took = (System.nanoTime() - start) / 1e9;
        return "{\"sent\":" + total + ",\"seconds\":" + took + ",\"next\":" + next.get() + "}";
    }

    /**
     * Figures for the events from..to-1 that were sent. Latency of an event: from its webhook's send to the moment the
     * last channel showed its value or a newer one (every SKU only counts up). Loss: SKUs whose last sent value is not
     * what every channel shows now.
     */
    String report(long from, long to, long windowNanos) {
        int n = 0;
        int accepted = 0;
        long firstSent = Long.MAX_VALUE;
        long lastSent = 0;
        int[] lastSentValue = new int[skus];
        Arrays.fill(lastSentValue, -1);
        for (long seq = from; seq < to; seq++) {
            if (sentNanos[(int) seq] == 0) {
                continue;
            }
            n++;
            if (answered[(int) seq] == 2) {
                accepted++;
            }
            firstSent = Math.min(firstSent, sentNanos[(int) seq]);
            lastSent = Math.max(lastSent, sentNanos[(int) seq]);
        }
        // the last value sent per SKU overall (an earlier phase's last value stands if this one did not touch the SKU)
        for (int s = 0; s < skus; s++) {
            lastSentValue[s] = magentoSeq.get(s) < 0 ? -1 : magentoQty.get(s);
        }
        // per channel and SKU: arrival times and running maximum of the values given
        Map<String, long[][]> times = new LinkedHashMap<>();
        Map<String, int[][]> maxima = new LinkedHashMap<>();
        long lastUpdate = 0;
        for (String c : CHANNELS) {
            long[] e = logs.get(c).snapshot();
            int[] counts = new int[skus];
            for (int i = 0; i < e.length; i += 3) {
                counts[(int) e[i]]++;
                lastUpdate = Math.max(lastUpdate, e[i + 2]);
            }
            long[][] t = new long[skus][];
            int[][] m = new int[skus][];
            for (int s = 0; s < skus; s++) {
                t[s] = new long[counts[s]];
                m[s] = new int[counts[s]];
            }
            int[] fill = new int[skus];
            for (int i = 0; i < e.length; i += 3) {
                int s = (int) e[i];
                t[s][fill[s]] = e[i + 2];
                m[s][fill[s]] = (int) e[i + 1];
                fill[s]++;
            }
            for (int s = 0; s < skus; s++) {
                sortTogether(t[s], m[s]);
                for (int i = 1; i < m[s].length; i++) {
                    m[s][i] = Math.max(m[s][i], m[s][i - 1]);
                }
            }
            times.put(c, t);
            maxima.put(c, m);
        }
        long[] latencies = new long[n];
        int delivered = 0;
        long completion = 0;
        for (long seq = from; seq < to; seq++) {
            long sent = sentNanos[(int) seq];
            if (sent == 0) {
                continue;
            }
            int s = (int) (seq % skus);
            int value = (int) (seq / skus) + 1;
            long done = 0;
            for (String c : CHANNELS) {
                int[] m = maxima.get(c)[s];
                int lo = 0;
                int hi = m.length;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (m[mid] >= value) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                if (lo == m.length) {
                    done = -1;
                    break;
                }
                done = Math.max(done, times.get(c)[s][lo]);
            }
            if (done > 0) {
                latencies[delivered++] = Math.max(0, done - sent);
                completion = Math.max(completion, done);
            }
        }
        long[] sorted = Arrays.copyOf(latencies, delivered);
        Arrays.sort(sorted);
        Map<String, Integer> lost = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        for (String c : CHANNELS) {
            int wrong = 0;
            for (int s = 0; s < skus; s++) {
                if (lastSentValue[s] >= 0 && logs.get(c).current.get(s) != lastSentValue[s]) {
                    wrong++;
                    if (examples.size() < 5) {
                        examples.add(c + " " + sku(s) + " shows " + logs.get(c).current.get(s) + ", last sent " + lastSentValue[s]);
                    }
                }
            }
            lost.put(c, wrong);
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("events_sent", n).put("events_accepted_2xx", accepted).put("events_reaching_every_channel", delivered);
        r.put("send_seconds", n == 0 ? 0 : (lastSent - firstSent) / 1e9);
        r.put("end_to_end_seconds", completion == 0 ? 0 : (completion - firstSent) / 1e9);
        r.put("end_to_end_events_per_second", completion <= firstSent ? 0 : delivered / ((completion - firstSent) / 1e9));
        r.put("last_channel_update_after_last_send_ms", lastUpdate == 0 ? 0 : (lastUpdate - lastSent) / 1e6);
        ObjectNode latency = r.putObject("latency_ms");
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999, 1.0}) {
            latency.put("p" + (q == 1.0 ? "max" : String.valueOf(q * 100).replace(".0", "")),
                    sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6);
        }
        ObjectNode loss = r.putObject("skus_not_showing_last_value");
        lost.forEach(loss::put);
        ArrayNode lossExamples = r.putArray("loss_examples");
        examples.forEach(lossExamples::add);
        ObjectNode c = r.putObject("calls");
        new TreeMap<>(calls).forEach((k, v) -> c.put(k, v.sum()));
        long channelCalls = calls.entrySet().stream().filter(e -> e.getKey().matches("(amazon|ebay|pos) .*"))
                .mapToLong(e -> e.getValue().sum()).sum();
        long magentoCalls = calls.entrySet().stream().filter(e -> e.getKey().startsWith("magento "))
                .mapToLong(e -> e.getValue().sum()).sum();
        ObjectNode bound = lowerBound(from, to, windowNanos);
        r.set("lower_bound", bound);
        r.put("channel_calls", channelCalls).put("channel_calls_per_1000_events", n == 0 ? 0 : 1000.0 * channelCalls / n);
        r.put("lower_bound_per_1000_events", n == 0 ? 0 : 1000.0 * bound.path("calls").asLong() / n);
        r.put("magento_reads_per_1000_events", n == 0 ? 0 : 1000.0 * magentoCalls / n);
        return r.toPrettyString();
    }

    /**
     * The fewest channel calls that put every change on every channel when changes are coalesced per window (the
     * windows are cut from the first send on): per window and channel, the distinct SKUs changed, in the channel's bulk
     * call: eBay bulkUpdatePriceQuantity 25 a call, POS batch-create 100 a call, Amazon one patchListingsItem per SKU
     * or one JSON_LISTINGS_FEED, whichever is fewer (a feed is 6 calls: createFeedDocument, upload, createFeed, getFeed,
     * getFeedDocument, download of the processing report, which is the only way to learn which SKUs were refused).
     * Token and look-up calls (offer ids, catalogue variation ids) are left out: they are not needed per change.
     */
    ObjectNode lowerBound(long from, long to, long windowNanos) {
        long firstSent = Long.MAX_VALUE;
        for (long seq = from; seq < to; seq++) {
            if (sentNanos[(int) seq] != 0) {
                firstSent = Math.min(firstSent, sentNanos[(int) seq]);
            }
        }
        Map<Long, java.util.BitSet> windows = new TreeMap<>();
        for (long seq = from; seq < to; seq++) {
            long sent = sentNanos[(int) seq];
            if (sent != 0) {
                windows.computeIfAbsent((sent - firstSent) / windowNanos, k -> new java.util.BitSet(skus)).set((int) (seq % skus));
            }
        }
        long ebay = 0;
        long pos = 0;
        long amazon = 0;
        for (java.util.BitSet w : windows.values()) {
            int distinct = w.cardinality();
            ebay += (distinct + 24) / 25;
            pos += (distinct + 99) / 100;
            amazon += Math.min(distinct, 6);
        }
        ObjectNode b = JSON.createObjectNode();
        b.put("windows", windows.size()).put("ebay", ebay).put("pos", pos).put("amazon", amazon).put("calls", ebay + pos + amazon);
        return b;
    }

    static void sortTogether(long[] t, int[] m) {
        for (int i = 1; i < t.length; i++) {
            if (t[i] < t[i - 1]) {
                Integer[] order = new Integer[t.length];
                for (int k = 0; k < order.length; k++) {
                    order[k] = k;
                }
                Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
                long[] t2 = new long[t.length];
                int[] m2 = new int[m.length];
                for (int k = 0; k < order.length; k++) {
                    t2[k] = t[order[k]];
                    m2[k] = m[order[k]];
                }
                System.arraycopy(t2, 0, t, 0, t.length);
                System.arraycopy(m2, 0, m, 0, m.length);
                return;
            }
        }
    }
}
