package io.omnisync.platform.webhook;

/** What the ingress answers: accepted events and repeats. */
public record WebhookOutcome(String status, int accepted, int duplicates) {
}
