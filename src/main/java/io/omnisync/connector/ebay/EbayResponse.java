package io.omnisync.connector.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A successful (2xx) answer of eBay.
 *
 * @param status  the HTTP status, e.g. 207 for a bulk call with mixed results
 * @param headers the response headers (Location of a created resource)
 * @param body    the JSON body, or a null node when there was none
 */
public record EbayResponse(int status, HttpHeaders headers, JsonNode body) {

    /** The last path segment of the Location header: the id of the resource the call created. */
    public Optional<String> createdId() {
        return headers.firstValue("Location").map(l -> l.replaceAll("[?#].*$", "").replaceAll("/+$", ""))
                .map(l -> l.substring(l.lastIndexOf('/') + 1)).filter(id -> !id.isEmpty());
    }
}
