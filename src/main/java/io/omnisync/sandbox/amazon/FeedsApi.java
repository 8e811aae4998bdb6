package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Feeds API 2021-06-30 with its pre-signed document URLs: createFeedDocument answers a URL on the fake itself
 * ({@code /feed-documents/{id}?X-Amz-Signature=...}, outside the contract like S3), createFeed queues the feed,
 * which the fake's own thread then processes ({@link ListingsFeedProcessor}) into a gzipped processing report
 * that getFeedDocument points at.
 */
final class FeedsApi {

    static final String DOCUMENTS = "/feed-documents/";

    /** A stored document: what createFeedDocument declared, what was uploaded, the URL signature. */
    static final class Document {
        final String contentType;
        final String signature = UUID.randomUUID().toString().replace("-", "");
        volatile byte[] content;
        volatile boolean gzip;

        Document(String contentType) {
            this.contentType = contentType;
        }
    }

    private final Map<String, Document> documents = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> feeds = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(50_001_000_000L);
    private final ListingsFeedProcessor processor;
    private final ExecutorService worker;
    private final Clock clock;
    private final String baseUrl;
    /** While true, created feeds stay IN_QUEUE (Amazon takes minutes to process a feed; a test holds them that long). */
    private boolean held;
    private final List<Runnable> heldWork = new ArrayList<>();

    FeedsApi(ListingsFeedProcessor processor, ExecutorService worker, Clock clock, String baseUrl) {
        this.processor = processor;
        this.worker = worker;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    void register(FakeRoutes routes) {
        routes.add("POST", "/feeds/2021-06-30/documents", "createFeedDocument", this::createDocument);
        routes.add("GET", "/feeds/2021-06-30/documents/{feedDocumentId}", "getFeedDocument", this::getDocument);
        routes.add("POST", "/feeds/2021-06-30/feeds", "createFeed", this::createFeed);
        routes.add("GET", "/feeds/2021-06-30/feeds/{feedId}", "getFeed", this::getFeed);
    }

    private FakeRoutes.Reply createDocument(FakeRoutes.Request request) {
        String id = "amzn1.tortuga.4.na." + UUID.randomUUID();
        Document document = new Document(request.body().path("contentType").asText());
        documents.put(id, document);
        return new FakeRoutes.Reply(201, JsonHttp.nodes().objectNode().put("feedDocumentId", id).put("url", url(id, document)));
    }

    private FakeRoutes.Reply getDocument(FakeRoutes.Request request) {
        String id = request.param("feedDocumentId");
        Document document = documents.get(id);
        if (document == null) {
            throw SpApiError.notFound("The feed document " + id + " was not found.");
        }
        ObjectNode answer = JsonHttp.nodes().objectNode().put("feedDocumentId", id).put("url", url(id, document));
        if (document.gzip) {
            answer.put("compressionAlgorithm", "GZIP");
        }
        return FakeRoutes.Reply.ok(answer);
    }

    private FakeRoutes.Reply createFeed(FakeRoutes.Request request) {
        JsonNode body = request.body();
        Document input = documents.get(body.path("inputFeedDocumentId").asText());
        if (input == null || input.content == null) {
            throw SpApiError.invalidInput("The input feed document " + body.path("inputFeedDocumentId").asText()
                    + " does not exist or was not uploaded.", "inputFeedDocumentId");
        }
        String feedId = String.valueOf(ids.incrementAndGet());
        ObjectNode feed = JsonHttp.nodes().objectNode().put("feedId", feedId).put("feedType", body.path("feedType").asText())
                .put("createdTime", FakeOrder.iso(clock.instant())).put("processingStatus", "IN_QUEUE");
        feed.set("marketplaceIds", body.path("marketplaceIds"));
        feeds.put(feedId, feed);
        schedule(() -> process(feed, input));
        return new FakeRoutes.Reply(202, JsonHttp.nodes().objectNode().put("feedId", feedId));
    }

    private FakeRoutes.Reply getFeed(FakeRoutes.Request request) {
        ObjectNode feed = feeds.get(request.param("feedId"));
        if (feed == null) {
            throw SpApiError.notFound("The feed " + request.param("feedId") + " was not found.");
        }
        synchronized (feed) {
            return FakeRoutes.Reply.ok(feed.deepCopy());
        }
    }

    /** Created feeds stay IN_QUEUE until {@link #release}. */
    synchronized void hold() {
        held = true;
    }

    /** Processes the held feeds and those created from now on. */
    synchronized void release() {
        held = false;
        heldWork.forEach(worker::submit);
        heldWork.clear();
    }

    private synchronized void schedule(Runnable work) {
        if (held) {
            heldWork.add(work);
        } else {
            worker.submit(work);
        }
    }

    private void process(ObjectNode feed, Document input) {
        synchronized (feed) {
            feed.put("processingStatus", "IN_PROGRESS").put("processingStartTime", FakeOrder.iso(clock.instant()));
        }
        ListingsFeedProcessor.Result result = processor.process(feed.path("feedId").asText(),
                feed.path("feedType").asText(), feed.path("marketplaceIds"), input.content);
        String reportId = "amzn1.tortuga.4.na." + UUID.randomUUID();
        Document report = new Document("application/json");
        report.content = gzip(JsonHttp.phpJson(result.report()));
        report.gzip = true;
        documents.put(reportId, report);
        synchronized (feed) {
            feed.put("processingStatus", result.status()).put("processingEndTime", FakeOrder.iso(clock.instant()))
                    .put("resultFeedDocumentId", reportId);
        }
    }

    /** PUT (upload) or GET (download) of a pre-signed document URL; returns (status, bytes). */
    Map.Entry<Integer, byte[]> document(String method, String id, String signature, String contentType, byte[] body) {
        Document document = documents.get(id);
        if (document == null || !document.signature.equals(signature)) {
            return Map.entry(403, "<Error><Code>SignatureDoesNotMatch</Code></Error>".getBytes());
        }
        if ("PUT".equals(method)) {
            if (!document.contentType.equalsIgnoreCase(contentType)) {
                return Map.entry(403, "<Error><Code>SignatureDoesNotMatch</Code><Message>Content-Type differs from the one of createFeedDocument</Message></Error>".getBytes());
            }
            document.content = body;
            return Map.entry(200, new byte[0]);
        }
        return document.content == null ? Map.entry(404, "<Error><Code>NoSuchKey</Code></Error>".getBytes())
                : Map.entry(200, document.content);
    }

    private String url(String id, Document document) {
        return baseUrl + DOCUMENTS + id + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=" + document.signature;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
