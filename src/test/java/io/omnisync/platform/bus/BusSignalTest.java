package io.omnisync.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BusSignal")
class BusSignalTest {

    private static final long LONG_WAIT = TimeUnit.MINUTES.toMillis(10);

    /** Waits on the signal in another thread; the future completes when the wait returns. */
    private static CompletableFuture<Void> waiting(BusSignal signal, String topic) {
        return CompletableFuture.runAsync(() -> {
            try {
                if (topic == null) {
                    signal.await(LONG_WAIT);
                } else {
                    signal.await(topic, LONG_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void awaitWaiting() {
        // the waiters are parked in Object.wait once no runnable thread of the common pool is left
        await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ForkJoinPool.commonPool"))
                .noneMatch(t -> t.getState() == Thread.State.RUNNABLE));
    }

    @Test
    @DisplayName("a wake-up for a topic wakes that topic's consumers and those waiting for any topic, not the others")
    void topicWakeUpWakesItsOwnConsumers() throws Exception {
        BusSignal signal = new BusSignal();
        CompletableFuture<Void> stock = waiting(signal, "stock");
        CompletableFuture<Void> any = waiting(signal, null);
        CompletableFuture<Void> catalog = waiting(signal, "catalog");
        awaitWaiting();

        signal.wakeUp(List.of("stock", "stock"));

        stock.get(30, TimeUnit.SECONDS);
        any.get(30, TimeUnit.SECONDS);
        assertThat(catalog).as("no catalog event was appended").isNotDone();
        signal.wakeUp();
        catalog.get(30, TimeUnit.SECONDS);
    }
}
