package io.omnisync.sandbox.magento;

import io.omnisync.sandbox.JsonHttp;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookEmitterTest {

    @Test
    void deliveryIsDeadLetteredAfterFiveRetries() {
        try (WebhookReceiver receiver = new WebhookReceiver(Integer.MAX_VALUE);
             WebhookEmitter emitter = new WebhookEmitter(Duration.ofMillis(5))) {
            emitter.subscribe("sales.order.updated", receiver.url("/x"), "t");

            emitter.emit("sales.order.updated", JsonHttp.nodes().objectNode().put("entity_id", 1));

            await().atMost(Duration.ofSeconds(5)).until(() -> emitter.dead() == 1);
            assertThat(receiver.deliveries()).hasSize(1 + WebhookEmitter.MAX_DEATHS);
            assertThat(emitter.retried()).isEqualTo(WebhookEmitter.MAX_DEATHS);
            assertThat(emitter.delivered()).isZero();
        }
    }

    @Test
    void unreachableRecipientCountsAsFailureAndIsRetried() {
        try (WebhookEmitter emitter = new WebhookEmitter(Duration.ofMillis(5))) {
            emitter.subscribe("catalog.product.updated", "http://127.0.0.1:1/nowhere", "t");

            emitter.emit("catalog.product.updated", JsonHttp.nodes().objectNode());

            await().atMost(Duration.ofSeconds(10)).until(() -> emitter.dead() == 1);
            assertThat(emitter.retried()).isEqualTo(WebhookEmitter.MAX_DEATHS);
        }
    }

    @Test
    void eventsWithoutSubscribersAreCountedButNotSent() {
        try (WebhookEmitter emitter = new WebhookEmitter()) {
            emitter.emit("sales.order.created", JsonHttp.nodes().objectNode());

            assertThat(emitter.emitted()).isEqualTo(1);
            assertThat(emitter.delivered()).isZero();
        }
    }

    @Test
    void signatureIsLowercaseHexHmacSha256() {
        // RFC 4231 test case 2
        assertThat(WebhookEmitter.sign("what do ya want for nothing?".getBytes(), "Jefe"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
