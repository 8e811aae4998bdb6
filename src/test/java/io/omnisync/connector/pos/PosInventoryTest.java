package io.omnisync.connector.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.sandbox.pos.PosFakeOptions;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inventory writes in chunks of 100 with content-derived idempotency keys, and counts read page by page. */
class PosInventoryTest {

    private static final String BERLIN = "L-BERLIN";
    private static final Instant VERSION_TIME = Instant.parse("2026-11-22T10:00:00Z");

    private final PosFixture pos = new PosFixture(PosFakeOptions.defaults().withCountsPageSize(7));
    private final PosInventory inventory = new PosInventory(pos.client);
    private final PosCatalog catalog = new PosCatalog(pos.client);

    @AfterEach
    void close() {
        pos.close();
    }

    @Test
    void shouldSendAbsoluteCountsInChunksOfAHundredAndApplyARetriedCallOnce() {
        Map<String, String> ids = catalog.variationIdsBySku(skus(45));
        List<PosInventory.Count> counts = new ArrayList<>();
        // 45 variations, 5 counts each at distinct times: 225 changes, 3 calls
        for (int round = 0; round < 5; round++) {
            for (String sku : skus(45)) {
                counts.add(new PosInventory.Count(ids.get(sku), BERLIN, BigDecimal.valueOf(10 * round + 3),
                        VERSION_TIME.plusSeconds(round)));
            }
        }

        List<PosInventory.Counted> after = inventory.setCounts(counts);

        assertThat(pos.fake.requests("POST", PosInventory.CHANGES_PATH)).isEqualTo(3);
        assertThat(pos.fake.inventoryChangesApplied()).isEqualTo(225);
        assertThat(pos.fake.inStock("OS-0001", BERLIN)).isEqualByComparingTo("43");
        assertThat(after).extracting(PosInventory.Counted::state).containsOnly("IN_STOCK");

        inventory.setCounts(counts);

        assertThat(pos.fake.requests("POST", PosInventory.CHANGES_PATH)).isEqualTo(6);
        assertThat(pos.fake.inventoryChangesApplied()).as("the same keys again: no second effect").isEqualTo(225);
    }

    @Test
    void shouldApplyARetriedAdjustmentOnceWhenTheFirstAnswerWasLost() {
        String id = catalog.variationIdsBySku(List.of("OS-0002")).get("OS-0002");
        BigDecimal before = pos.fake.inStock("OS-0002", BERLIN);
        List<PosInventory.Adjustment> received = List.of(new PosInventory.Adjustment(id, BERLIN, "NONE", "IN_STOCK",
                BigDecimal.valueOf(4), VERSION_TIME, "goods-receipt-77"));

        inventory.adjust(received);
        // the caller did not see the answer (a timeout) and sends the same delta again
        inventory.adjust(received);

        assertThat(pos.fake.inStock("OS-0002", BERLIN)).isEqualByComparingTo(before.add(BigDecimal.valueOf(4)));
        assertThat(pos.fake.inventoryChangesApplied()).isEqualTo(1);
        assertThat(pos.fake.requests("POST", PosInventory.CHANGES_PATH)).isEqualTo(2);
    }

    @Test
    void shouldDeriveTheIdempotencyKeyFromWhatIsWritten() {
        var a = pos.client.object().put("quantity", "3");
        var b = pos.client.object().put("quantity", "4");

        assertThat(PosClient.idempotencyKey("op", a)).isEqualTo(PosClient.idempotencyKey("op", a.deepCopy()))
                .isNotEqualTo(PosClient.idempotencyKey("op", b)).isNotEqualTo(PosClient.idempotencyKey("other", a))
                .hasSize(64);
    }

    @Test
    void shouldReadEveryCountByFollowingTheCursor() {
        List<PosInventory.Counted> counts = inventory.counts(List.of(), List.of(BERLIN));

        assertThat(counts).hasSize(45).extracting(PosInventory.Counted::locationId).containsOnly(BERLIN);
        assertThat(counts).extracting(PosInventory.Counted::variationId).doesNotHaveDuplicates();
        assertThat(pos.fake.requests("POST", PosInventory.COUNTS_PATH)).as("45 counts, 7 a page").isEqualTo(7);
        String id = catalog.variationIdsBySku(List.of("OS-0005")).get("OS-0005");
        assertThat(inventory.counts(List.of(id), List.of(BERLIN))).singleElement()
                .satisfies(c -> assertThat(c.quantity()).isEqualByComparingTo(pos.fake.inStock("OS-0005", BERLIN)));
    }

    private static List<String> skus(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("OS-%04d", i)).toList();
    }
}
