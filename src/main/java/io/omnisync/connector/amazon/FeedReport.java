package io.omnisync.connector.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a JSON_LISTINGS_FEED: its final processing status and, when Amazon wrote one, the processing
 * report's summary and per-message issues. Issues name the message id and SKU they belong to.
 *
 * @param feedId           Amazon's feed id
 * @param processingStatus DONE, FATAL or CANCELLED
 * @param skus             the SKU of each message id sent, to name a message without its issue carrying the SKU
 */
public record FeedReport(String feedId, String processingStatus, int messagesProcessed, int messagesAccepted,
                         int messagesInvalid, List<Issue> issues, Map<Integer, String> skus) {

    /** One issue of one message; {@code attributeName} may be null. */
    public record Issue(int messageId, String sku, String code, String severity, String message, String attributeName) {
    }

    /** True when the feed was processed and no message was refused. */
    public boolean allAccepted() {
        return "DONE".equals(processingStatus) && messagesInvalid == 0
                && issues.stream().noneMatch(i -> "ERROR".equals(i.severity()));
    }

    /** The issues of one message. */
    public List<Issue> issuesOf(int messageId) {
        return issues.stream().filter(i -> i.messageId() == messageId).toList();
    }

    /** The SKU a message id was sent for. */
    public Optional<String> skuOf(int messageId) {
        return Optional.ofNullable(skus.get(messageId));
    }

    /** Reads a processing report (listings-feed-processing-report-schema-v2); {@code report} may be null. */
    static FeedReport read(String feedId, String status, JsonNode report, Map<Integer, String> skus) {
        if (report == null || report.isNull() || report.isMissingNode()) {
            return new FeedReport(feedId, status, 0, 0, 0, List.of(), skus);
        }
        List<Issue> issues = new ArrayList<>();
        for (JsonNode issue : report.path("issues")) {
            int messageId = issue.path("messageId").asInt();
            issues.add(new Issue(messageId, issue.path("sku").asText(skus.get(messageId)), issue.path("code").asText(),
                    issue.path("severity").asText(), issue.path("message").asText(), issue.path("attributeName").asText(null)));
        }
        JsonNode summary = report.path("summary");
        return new FeedReport(feedId, status, summary.path("messagesProcessed").asInt(), summary.path("messagesAccepted").asInt(),
                summary.path("messagesInvalid").asInt(), List.copyOf(issues), skus);
    }
}
