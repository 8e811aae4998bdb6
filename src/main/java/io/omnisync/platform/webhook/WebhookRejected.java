package io.omnisync.platform.webhook;

import org.springframework.http.HttpStatus;

/** A delivery the ingress refuses; the status and detail go back to the sender as a problem body. */
public class WebhookRejected extends RuntimeException {

    private final HttpStatus status;
    private final String slug;

    public WebhookRejected(HttpStatus status, String slug, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
    }

    public HttpStatus status() {
        return status;
    }

    /** Short machine-readable reason, used as problem type suffix and metric tag. */
    public String slug() {
        return slug;
    }
}
