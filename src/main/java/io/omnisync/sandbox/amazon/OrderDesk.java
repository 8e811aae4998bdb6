package io.omnisync.sandbox.amazon;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the fake's buyers place orders: each line takes the listing's current price in the marketplace's
 * currency and reserves its units; the buyer is invented (an anonymised marketplace e-mail and a made-up name).
 */
public final class OrderDesk {

    private static final List<String> NAMES = List.of("Alex Example", "Sam Sample", "Kim Muster", "Jo Beispiel");

    private final Map<String, FakeOrder> orders;
    private final ListingsBook listings;
    private final Clock clock;
    private final AtomicInteger sequence = new AtomicInteger(1_000_000);

    OrderDesk(Map<String, FakeOrder> orders, ListingsBook listings, Clock clock) {
        this.orders = orders;
        this.listings = listings;
        this.clock = clock;
    }

    /** One order line: a SKU and the units ordered. */
    public record Line(String sku, int quantity) {
    }

    /**
     * Places an order now in a marketplace, with a status (Pending, Unshipped...) and lines of listed SKUs.
     *
     * @throws IllegalArgumentException when a SKU has no listing in the marketplace
     */
    public FakeOrder placeOrder(String marketplaceId, FakeOrder.Status status, List<Line> lines) {
        int n = sequence.incrementAndGet();
        String id = String.format("%03d-%07d-%07d", "A1PA6795UKMFR9".equals(marketplaceId) ? 302 : 113, n, n * 7 % 10_000_000);
        String currency = ListingsBook.CURRENCIES.getOrDefault(marketplaceId, "USD");
        FakeOrder order = new FakeOrder(id, marketplaceId, currency, clock.instant(), status,
                "buyer" + n + "@marketplace.amazon.com", NAMES.get(n % NAMES.size()));
        int item = 0;
        for (Line line : lines) {
            ListingsBook.Listing listing = listings.find(line.sku()).filter(l -> l.offers.containsKey(marketplaceId))
                    .orElseThrow(() -> new IllegalArgumentException(line.sku() + " is not listed in " + marketplaceId));
            BigDecimal price = listing.offers.get(marketplaceId).price();
            order.items.add(new FakeOrder.Item(String.format("%014d", (long) n * 100 + item++), line.sku(), listing.asin,
                    listing.title, line.quantity(), price));
            if (status != FakeOrder.Status.Canceled) {
                listings.reserve(line.sku(), marketplaceId, line.quantity());
            }
        }
        orders.put(id, order);
        return order;
    }

    /** Changes an order's status (e.g. Pending to Unshipped once paid, or Canceled), updating LastUpdateDate. */
    public void changeStatus(String amazonOrderId, FakeOrder.Status status) {
        FakeOrder order = orders.get(amazonOrderId);
        synchronized (order) {
            order.status = status;
            order.lastUpdateDate = clock.instant();
        }
    }

    /** Demo traffic: a random order of one to three seeded SKUs in a random seeded marketplace, or a payment. */
    public FakeOrder demoOrder(Random random) {
        FakeOrder pending = orders.values().stream().filter(o -> o.status == FakeOrder.Status.Pending).findAny().orElse(null);
        if (pending != null && random.nextInt(3) == 0) {
            changeStatus(pending.amazonOrderId, FakeOrder.Status.Unshipped);
            return pending;
        }
        String marketplace = random.nextBoolean() ? AmazonSeed.US : AmazonSeed.DE;
        int count = 1 + random.nextInt(3);
        List<Line> lines = random.ints(count, 1, AmazonSeed.SKUS + 1).distinct()
                .mapToObj(i -> new Line(String.format("OS-%04d", i), 1 + random.nextInt(2))).toList();
        return placeOrder(marketplace, random.nextBoolean() ? FakeOrder.Status.Pending : FakeOrder.Status.Unshipped, lines);
    }
}
