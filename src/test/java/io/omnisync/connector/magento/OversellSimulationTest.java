package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.sandbox.amazon.AmazonFake;
import io.omnisync.sandbox.amazon.FakeOrder;
import io.omnisync.sandbox.amazon.OrderDesk;
import io.omnisync.sandbox.ebay.EbayFake;
import io.omnisync.sandbox.ebay.EbayOrders;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.sandbox.pos.PosFake;
import io.omnisync.support.SandboxTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The oversell simulation: N units of one SKU, on the shelf of the Berlin store (the only source of the EU stock),
 * sold at once through Magento's EU store view, the POS counter, Amazon DE and eBay DE. Each buyer buys one unit
 * every {@value #PACE_MS} ms while its channel shows any; a channel sells only what it shows (the marketplace takes
 * its own sales off, as the fakes do). Reported: units sold per channel, oversold units, the time from Magento
 * running out to every channel showing zero. Asserted: Magento itself never sells more than N; every unit a channel
 * sold is either a Magento order or a dead letter an operator can act on (nothing lost, nothing twice); every channel
 * comes to show zero; and the oversold units stay within what the channels can sell during that propagation time,
 * the bound omnisync can guarantee without holding stock back (a safety buffer per binding holds it back).
 */
@SandboxTest
@TestPropertySource(properties = {
    "omnisync.channels.fanout.window=200ms",
    "omnisync.channels.order-polling.interval=5s",
    "omnisync.connector.magento.polling.enabled=false",
    "omnisync.channels.bindings[0].channel=amazon",
    "omnisync.channels.bindings[0].account=A1PA6795UKMFR9",
    "omnisync.channels.bindings[0].website=eu",
    "omnisync.channels.bindings[0].store-view=eu_de",
    "omnisync.channels.bindings[0].currency=EUR",
    "omnisync.channels.bindings[1].channel=ebay",
    "omnisync.channels.bindings[1].account=EBAY_DE",
    "omnisync.channels.bindings[1].website=eu",
    "omnisync.channels.bindings[1].store-view=eu_de",
    "omnisync.channels.bindings[1].currency=EUR",
    "omnisync.channels.bindings[2].channel=pos",
    "omnisync.channels.bindings[2].account=L-BERLIN",
    "omnisync.channels.bindings[2].website=eu",
    "omnisync.channels.bindings[2].store-view=eu_de",
    "omnisync.channels.bindings[2].currency=EUR",
    "omnisync.channels.bindings[2].source=berlin_store"
})
class OversellSimulationTest {

    private static final String SKU = "OS-0005";
    private static final int UNITS = 20;
    private static final int PACE_MS = 250;
    private static final int EU_STOCK = 2;

    @Autowired
    MagentoFake magento;
    @Autowired
    AmazonFake amazon;
    @Autowired
    EbayFake ebay;
    @Autowired
    PosFake pos;
    @Autowired
    DeadLetters deadLetters;

    private int magentoSalable() {
        return magento.store().salableQuantity(SKU, EU_STOCK).intValue();
    }

    private int amazonShows() {
        return amazon.listings().offer(SKU, "A1PA6795UKMFR9").orElseThrow().quantity();
    }

    private int ebayShows() {
        return ebay.listings().offers(SKU, "EBAY_DE").get(0).path("availableQuantity").asInt();
    }

    private int posShows() {
        return pos.inStock(SKU, "L-BERLIN").intValue();
    }

    /** One channel's buyer: buys a unit whenever the channel shows one; records what it sold and when. */
    private final class Buyer implements Runnable {
        final String channel;
        final IntSupplier shows;
        final BooleanSupplier buy;
        final AtomicInteger sold = new AtomicInteger();

        Buyer(String channel, IntSupplier shows, BooleanSupplier buy) {
            this.channel = channel;
            this.shows = shows;
            this.buy = buy;
        }

        @Override
        public void run() {
            try {
                start.await();
                while (!stop.get()) {
                    if (shows.getAsInt() > 0 && buy.getAsBoolean()) {
                        sold.incrementAndGet();
                        if (totalSold.incrementAndGet() == UNITS) {
                            soldOutAt.set(System.nanoTime());
                        }
                    }
                    Thread.sleep(PACE_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final CountDownLatch start = new CountDownLatch(1);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger totalSold = new AtomicInteger();
    private final AtomicLong soldOutAt = new AtomicLong();

    @Test
    void shouldKeepOversellWithinWhatChannelsSellWhileTheChangeTravels() throws Exception {
        magento.store().setSourceQuantity(SKU, "eu_warehouse", 0);
        magento.store().setSourceQuantity(SKU, "berlin_store", UNITS);
        await().atMost(Duration.ofSeconds(60)).until(() -> magentoSalable() == UNITS && amazonShows() == UNITS
                && ebayShows() == UNITS && posShows() == UNITS);
        int magentoOrdersBefore = magento.store().orders().size();

        List<Buyer> buyers = List.of(
                new Buyer("magento", this::magentoSalable, () -> attempt(() -> magento.store().placeOrder("eu_de", Map.of(SKU, 1)))),
                new Buyer("pos", this::posShows, () -> attempt(() -> pos.orders().sell("L-BERLIN", Map.of(SKU, 1)))),
                new Buyer("amazon", this::amazonShows, () -> attempt(() -> amazon.orders().placeOrder("A1PA6795UKMFR9",
                        FakeOrder.Status.Unshipped, List.of(new OrderDesk.Line(SKU, 1))))),
                new Buyer("ebay", this::ebayShows, () -> attempt(() -> ebay.orders().placeOrder("EBAY_DE", null,
                        List.of(new EbayOrders.Line(SKU, 1))))));
        ExecutorService pool = Executors.newFixedThreadPool(buyers.size());
        buyers.forEach(pool::submit);
        long began = System.nanoTime();
        start.countDown();

        // every channel shows zero, and keeps showing it for 3 s (a late push could bring a channel back)
        AtomicLong zeroSince = new AtomicLong();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            boolean zero = amazonShows() == 0 && ebayShows() == 0 && posShows() == 0 && magentoSalable() <= 0;
            if (!zero) {
                zeroSince.set(0);
                return false;
            }
            zeroSince.compareAndSet(0, System.nanoTime());
            return System.nanoTime() - zeroSince.get() > TimeUnit.SECONDS.toNanos(3);
        });
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        int sold = buyers.stream().mapToInt(b -> b.sold.get()).sum();
        int oversold = Math.max(0, sold - UNITS);
        long soldOut = soldOutAt.get() == 0 ? began : soldOutAt.get();
        double allZeroSeconds = Math.max(0, zeroSince.get() - soldOut) / 1e9;
        Map<String, Integer> perChannel = new LinkedHashMap<>();
        buyers.forEach(b -> perChannel.put(b.channel, b.sold.get()));
        System.out.printf("oversell simulation: %d units, sold %s, oversold %d, every channel at zero %.2f s after the "
                + "%dth unit was sold%n", UNITS, perChannel, oversold, allZeroSeconds, UNITS);

        // Magento itself never sells what it has not got
        int magentoUnits = magento.store().orders().size() - magentoOrdersBefore;
        assertThat(magentoUnits).as("Magento orders (its own and imported)").isLessThanOrEqualTo(UNITS);
        assertThat(magentoSalable()).isGreaterThanOrEqualTo(0);
        // every channel sale is a Magento order or a dead letter naming the SKU: nothing lost, nothing twice
        int channelSold = sold - perChannel.get("magento");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            int imported = magento.store().orders().size() - magentoOrdersBefore - perChannel.get("magento");
            List<String> refused = new ArrayList<>();
            deadLetters.search(new DeadLetters.Filter("OPEN", "orders-channel-to-magento", null, null, null), 1000)
                    .forEach(d -> refused.add(d.entityKey()));
            assertThat(imported + refused.size()).as("imported %d + dead-lettered %s", imported, refused).isEqualTo(channelSold);
        });
        // the bound: what the buyers can sell while the last unit's sale travels to every channel (one unit per pace,
        // plus one in flight); Magento's own store sells on too while channel orders are still on their way to it
        long bound = buyers.stream().mapToLong(b -> (long) Math.ceil(allZeroSeconds * 1000 / PACE_MS) + 1).sum();
        assertThat(oversold).as("oversold units within the propagation bound %d", bound).isLessThanOrEqualTo((int) bound);
        assertThat(perChannel.values()).as("every channel sold").allMatch(n -> n > 0);
    }

    private static boolean attempt(Runnable sale) {
        try {
            sale.run();
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }
}
