package io.omnisync.platform.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.journal.AppendResult;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import io.omnisync.platform.privacy.PersonalData;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * ingress → verify → normalise → journal. A delivery is answered 2xx only after its events are committed
 * to the journal (and queued); a repeat is answered 2xx and counted; a bad signature is answered 401 and
 * nothing is stored.
 */
public class WebhookIngress {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIngress.class);

    private final Map<String, WebhookSource> sources;
    private final ObjectMapper limitedReader;
    private final Normaliser normaliser;
    private final Journal journal;
    private final BusSignal signal;
    private final WebhookMetrics metrics;

    public WebhookIngress(List<WebhookSource> sources, ObjectMapper limitedReader, Normaliser normaliser,
                          Journal journal, BusSignal signal, WebhookMetrics metrics) {
        this.sources = sources.stream().collect(Collectors.toMap(WebhookSource::system, Function.identity()));
        this.limitedReader = limitedReader;
        this.normaliser = normaliser;
        this.journal = journal;
        this.signal = signal;
        this.metrics = metrics;
    }

    /** The enabled source answering at {@code /webhooks/<system>/...}, if any. */
    public Optional<WebhookSource> source(String system) {
        return Optional.ofNullable(sources.get(system));
    }

    public WebhookOutcome receive(WebhookRequest request) {
        try {
            WebhookOutcome outcome = accept(request);
            metrics.acknowledged(request.system(), request.eventName(), outcome);
            return outcome;
        } catch (WebhookRejected rejected) {
            metrics.rejected(sources.containsKey(request.system()) ? request.system() : "unknown", rejected.slug());
            LOG.warn("webhook {}/{} rejected with {} {}: {}", request.system(), request.eventName(),
                    rejected.status().value(), rejected.slug(), PersonalData.mask(rejected.getMessage()));
            throw rejected;
        }
    }

    private WebhookOutcome accept(WebhookRequest request) {
        WebhookSource source = sources.get(request.system());
        if (source == null) {
            throw new WebhookRejected(HttpStatus.NOT_FOUND, "unknown-system", "no webhook source '" + request.system()
                    + "' is enabled; enabled sources: " + sources.keySet());
        }
        if (!source.verify(request)) {
            throw new WebhookRejected(HttpStatus.UNAUTHORIZED, "signature", "the signature of this delivery does not "
                    + "match its body for any configured secret of '" + request.system() + "'");
        }
        if (!normaliser.ready()) {
            throw new WebhookRejected(HttpStatus.SERVICE_UNAVAILABLE, "starting", "omnisync is starting and cannot "
                    + "accept events yet; nothing was stored. Retry shortly");
        }
        String mapping = source.mappingFor(request.eventName()).orElseThrow(() -> new WebhookRejected(
                HttpStatus.NOT_FOUND, "unknown-event", "'" + request.system() + "' sends no event named '"
                + request.eventName() + "' that omnisync handles"));
        JsonNode body = parse(request.body());
        List<SourcedEvent> events = identify(source, request, body,
                normaliser.normalise(mapping, source.mappingInput(request, body)));
        if (events.isEmpty()) {
            return new WebhookOutcome("ignored", 0, 0);
        }
        AppendResult result = journal.append(source.journalSource(), events);
        signal.wakeUp(events.stream().map(e -> e.event().domain().topic()).toList());
        return new WebhookOutcome(result.allDuplicates() ? "duplicate" : "accepted", result.accepted(), result.duplicates());
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = limitedReader.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new WebhookRejected(HttpStatus.BAD_REQUEST, "empty-body", "the body is empty; a JSON document is expected");
            }
            return node;
        } catch (IOException e) {
            throw new WebhookRejected(HttpStatus.BAD_REQUEST, "malformed-json", "the body is not acceptable JSON: "
                    + firstLine(e.getMessage()));
        }
    }

    private static List<SourcedEvent> identify(WebhookSource source, WebhookRequest request, JsonNode body,
                                               List<io.omnisync.platform.event.CanonicalEvent> events) {
        String base = source.sourceEventId(request, body).orElseGet(() -> sha256(request.body()));
        List<SourcedEvent> sourced = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            String numbered = i == 0 ? base : base + "#" + i;
            sourced.add(new SourcedEvent(source.eventKey(events.get(i)).orElse(numbered), events.get(i)));
        }
        return sourced;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
