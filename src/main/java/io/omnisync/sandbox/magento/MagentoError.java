package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

/**
 * An error answered the way Magento's web API does: an HTTP status and the body
 * {@code {"message":"... %placeholder ...","parameters":{...} or [...]}}.
 */
public final class MagentoError extends RuntimeException {

    private final int status;
    private final JsonNode parameters;

    public MagentoError(int status, String message, JsonNode parameters) {
        super(message);
        this.status = status;
        this.parameters = parameters == null ? JsonHttp.nodes().arrayNode() : parameters;
    }

    public MagentoError(int status, String message) {
        this(status, message, null);
    }

    public static MagentoError routeNotFound() {
        return new MagentoError(404, "Request does not match any route.");
    }

    public static MagentoError productNotFound() {
        return new MagentoError(404, "The product that was requested doesn't exist. Verify the product and try again.");
    }

    public static MagentoError notFound(String message) {
        return new MagentoError(404, message);
    }

    public static MagentoError badRequest(String message) {
        return new MagentoError(400, message);
    }

    /** The 2.4.3+ input-limit error for arrays longer than {@code max}. */
    public static MagentoError tooManyItems(String type, int max) {
        ObjectNode params = JsonHttp.nodes().objectNode().put("type", type).put("max", max);
        return new MagentoError(400, "Maximum items of type \"%type\" is %max", params);
    }

    public static MagentoError unauthorized() {
        ObjectNode params = JsonHttp.nodes().objectNode().put("resources", "Magento_Backend::admin");
        return new MagentoError(401, "The consumer isn't authorized to access %resources.", params);
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        ObjectNode body = JsonHttp.nodes().objectNode();
        body.put("message", getMessage());
        body.set("parameters", parameters);
        return body;
    }
}
