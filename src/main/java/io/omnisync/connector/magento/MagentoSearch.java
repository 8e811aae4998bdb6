package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A Magento search (GET with searchCriteria) read page by page as a lazy stream, so a whole catalogue never sits
 * in memory. Results are sorted by a unique field (entity_id by default) so pages do not overlap, and reading
 * stops on {@code total_count}: Magento answers a page past the end with the last page again, so "until a page
 * is empty" would never end.
 */
public final class MagentoSearch {

    /** One filter; filters of one group are OR-ed, groups are AND-ed. */
    public record Filter(String field, String value, String condition) {
    }

    private final List<List<Filter>> groups = new ArrayList<>();
    private final String resource;
    private String sortField = "entity_id";

    private MagentoSearch(String resource) {
        this.resource = resource;
    }

    /** A search of a list resource such as /V1/products or /V1/orders. */
    public static MagentoSearch of(String resource) {
        return new MagentoSearch(resource);
    }

    /** Adds a filter group of one filter, AND-ed with the others. */
    public MagentoSearch where(String field, String condition, String value) {
        groups.add(List.of(new Filter(field, value, condition)));
        return this;
    }

    /** Sorts by this field (ascending) instead of entity_id; it must be unique, or pages may overlap. */
    public MagentoSearch sortedBy(String field) {
        this.sortField = field;
        return this;
    }

    /** The query string of one page, in the camelCase spelling of Magento's published schema. */
    String query(int pageSize, int page) {
        StringBuilder q = new StringBuilder();
        for (int g = 0; g < groups.size(); g++) {
            for (int f = 0; f < groups.get(g).size(); f++) {
                Filter filter = groups.get(g).get(f);
                String prefix = "searchCriteria[filterGroups][" + g + "][filters][" + f + "]";
                q.append(prefix).append("[field]=").append(MagentoClient.segment(filter.field())).append('&')
                        .append(prefix).append("[value]=").append(MagentoClient.segment(filter.value())).append('&')
                        .append(prefix).append("[conditionType]=").append(MagentoClient.segment(filter.condition())).append('&');
            }
        }
        return q.append("searchCriteria[sortOrders][0][field]=").append(MagentoClient.segment(sortField))
                .append("&searchCriteria[sortOrders][0][direction]=ASC")
                .append("&searchCriteria[pageSize]=").append(pageSize)
                .append("&searchCriteria[currentPage]=").append(page).toString();
    }

    /** Streams every item, fetching the next page only when the stream reaches it. */
    public Stream<JsonNode> stream(MagentoClient client, String storeCode, int pageSize) {
        if (pageSize < 1 || pageSize > 300) {
            throw new IllegalArgumentException("Magento pages hold 1 to 300 items, not " + pageSize);
        }
        Iterator<JsonNode> items = new Pages(client, storeCode, pageSize);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Iterates the items of consecutive pages until total_count items were read. */
    private final class Pages implements Iterator<JsonNode> {

        private final MagentoClient client;
        private final String storeCode;
        private final int pageSize;
        private Iterator<JsonNode> current = List.<JsonNode>of().iterator();
        private int nextPage = 1;
        private long read;
        private long total = Long.MAX_VALUE;

        Pages(MagentoClient client, String storeCode, int pageSize) {
            this.client = client;
            this.storeCode = storeCode;
            this.pageSize = pageSize;
        }

        @Override
        public boolean hasNext() {
            if (read >= total) {
                return false;
            }
            if (!current.hasNext()) {
                fetch();
            }
            return current.hasNext();
        }

        @Override
        public JsonNode next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            read++;
            return current.next();
        }

        private void fetch() {
            JsonNode page = client.get(storeCode, resource + "?" + query(pageSize, nextPage), client.readTimeout());
            total = page.path("total_count").asLong(0);
            List<JsonNode> items = new ArrayList<>();
            page.path("items").forEach(items::add);
            if (items.isEmpty() && read < total) {
                throw new IntegrationException(ErrorClass.INTERMITTENT, "Magento search " + resource + " page "
                        + nextPage + " is empty though total_count is " + total + " and " + read + " were read");
            }
            // the last page holds only what is left of total_count; anything beyond is not ours to read
            current = items.subList(0, (int) Math.min(items.size(), total - read)).iterator();
            nextPage++;
        }
    }
}
