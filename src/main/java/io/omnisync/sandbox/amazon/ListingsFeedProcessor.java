package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Processes a JSON_LISTINGS_FEED document as Amazon does: the document is checked against the published feed
 * schema (listings-feed-schema-v2.json); a document that is not JSON, has a wrong header or another seller's
 * id makes the feed FATAL; otherwise every message is checked on its own (the schema's message shape, then
 * the patch values) and applied or reported as an issue in the processing report
 * (listings-feed-processing-report-schema-v2).
 */
final class ListingsFeedProcessor {

    /** The final status and the processing report. */
    record Result(String status, ObjectNode report) {
    }

    private final JsonNode feedSchema;
    private final ListingsBook listings;
    private final String sellerId;

    ListingsFeedProcessor(JsonNode feedSchema, ListingsBook listings, String sellerId) {
        this.feedSchema = feedSchema;
        this.listings = listings;
        this.sellerId = sellerId;
    }

    Result process(String feedId, String feedType, JsonNode marketplaceIds, byte[] content) {
        ObjectNode report = JsonHttp.nodes().objectNode();
        report.putObject("header").put("sellerId", sellerId).put("version", "2.0").put("feedId", feedId);
        ArrayNode issues = report.putArray("issues");
        JsonNode document = parse(content);
        List<String> fatal = new ArrayList<>();
        if (!"JSON_LISTINGS_FEED".equals(feedType)) {
            fatal.add("The feed type " + feedType + " is not supported by this fake; use JSON_LISTINGS_FEED.");
        } else if (document == null) {
            fatal.add("The feed document is not valid JSON.");
        } else {
            ObjectNode envelope = ((ObjectNode) feedSchema.deepCopy());
            ((ObjectNode) envelope.path("properties").path("messages")).remove("items");
            fatal.addAll(JsonSchemaLite.validate(envelope, document, ""));
            if (fatal.isEmpty() && !sellerId.equals(document.path("header").path("sellerId").asText())) {
                fatal.add("/header/sellerId: " + document.path("header").path("sellerId").asText()
                        + " is not the seller the feed was submitted for.");
            }
        }
        if (!fatal.isEmpty()) {
            fatal.forEach(message -> issues.addObject().put("code", "4000000").put("severity", "ERROR").put("message", message));
            summary(report, fatal.size(), 0, 0, 0);
            return new Result("FATAL", report);
        }
        List<String> marketplaces = new ArrayList<>();
        marketplaceIds.forEach(m -> marketplaces.add(m.asText()));
        JsonNode messageSchema = feedSchema.path("properties").path("messages").path("items");
        int accepted = 0;
        int invalid = 0;
        for (JsonNode message : document.path("messages")) {
            int before = issues.size();
            check(message, messageSchema, marketplaces, issues);
            if (issues.size() == before) {
                accepted++;
            } else {
                invalid++;
            }
        }
        summary(report, issues.size(), document.path("messages").size(), accepted, invalid);
        return new Result("DONE", report);
    }

    private void check(JsonNode message, JsonNode schema, List<String> marketplaces, ArrayNode issues) {
        int messageId = message.path("messageId").asInt();
        String sku = message.path("sku").asText();
        List<String> shape = JsonSchemaLite.validate(schema, message, "");
        if (!shape.isEmpty()) {
            shape.forEach(problem -> issue(issues, messageId, sku, "4000001", "The message is invalid: " + problem, null));
            return;
        }
        String operation = message.path("operationType").asText();
        if (!"PATCH".equals(operation)) {
            issue(issues, messageId, sku, "4000002", "The fake models PATCH messages only, not " + operation + ".", null);
            return;
        }
        listings.apply(sku, marketplaces, message.path("patches"))
                .forEach(i -> issue(issues, messageId, sku, i.code(), i.message(), i.attributeName()));
    }

    private static void issue(ArrayNode issues, int messageId, String sku, String code, String message, String attribute) {
        ObjectNode issue = issues.addObject().put("messageId", messageId).put("sku", sku).put("code", code)
                .put("severity", "ERROR").put("message", message);
        if (attribute != null) {
            issue.put("attributeName", attribute);
        }
    }

    private static void summary(ObjectNode report, int errors, int processed, int accepted, int invalid) {
        report.putObject("summary").put("errors", errors).put("warnings", 0).put("messagesProcessed", processed)
                .put("messagesAccepted", accepted).put("messagesInvalid", invalid);
    }

    private static JsonNode parse(byte[] content) {
        try {
            JsonNode node = JsonHttp.parse(content);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
