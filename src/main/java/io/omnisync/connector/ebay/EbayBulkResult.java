package io.omnisync.connector.ebay;

import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a chunked bulk call achieved: eBay answers 200 or 207 with a status per item, so a call that "succeeded"
 * can still have failed for some SKUs.
 *
 * @param calls    requests sent (one per chunk of 25)
 * @param failures items whose status was not 2xx
 * @param warnings items that succeeded with warnings
 */
public record EbayBulkResult(int calls, List<EbayItemFailure> failures, List<EbayItemFailure> warnings) {

    public EbayBulkResult {
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
    }

    /** The SKUs with at least one failure, in order. */
    public Set<String> failedSkus() {
        return failures.stream().map(EbayItemFailure::sku).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** True when every item succeeded (warnings allowed). */
    public boolean succeeded() {
        return failures.isEmpty();
    }

    /**
     * Throws when an item failed, naming every failed SKU; a 429 or 5xx item status makes it transient, anything
     * else a VALUE failure (a repeat cannot help).
     */
    public EbayBulkResult orThrow() {
        if (failures.isEmpty()) {
            return this;
        }
        boolean transientOnly = failures.stream().allMatch(f -> f.statusCode() == 429 || f.statusCode() >= 500);
        ErrorClass errorClass = transientOnly ? ErrorClass.INTERMITTENT : ErrorClass.VALUE;
        throw new IntegrationException(errorClass, "eBay refused " + failures.size() + " item(s) of bulkUpdatePriceQuantity: "
                + failures.stream().map(EbayItemFailure::toString).collect(Collectors.joining("; ")));
    }
}
