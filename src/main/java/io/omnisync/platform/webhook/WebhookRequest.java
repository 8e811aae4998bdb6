package io.omnisync.platform.webhook;

import org.springframework.http.HttpHeaders;

/** A webhook as received: the sender's event name from the URL, its headers and the raw body bytes. */
public record WebhookRequest(String system, String eventName, HttpHeaders headers, byte[] body, String url) {

    public String header(String name) {
        return headers.getFirst(name);
    }
}
