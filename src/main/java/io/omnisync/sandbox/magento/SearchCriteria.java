package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Magento's {@code searchCriteria} query parameters: filter groups (AND) of filters (OR), sort orders and paging.
 * Accepts both the snake_case spelling of the docs and the camelCase spelling of the Swagger contract.
 */
public final class SearchCriteria {

    private static final Pattern FILTER = Pattern.compile(
            "searchCriteria\\[(?:filter_groups|filterGroups)]\\[(\\d+)]\\[filters]\\[(\\d+)]\\[(\\w+)]");
    private static final Pattern SORT = Pattern.compile("searchCriteria\\[(?:sortOrders|sort_orders)]\\[(\\d+)]\\[(\\w+)]");

    /** One filter; {@code conditionType} defaults to {@code eq}. */
    public record Filter(String field, String value, String conditionType) {
    }

    /** One sort order; direction ASC or DESC. */
    public record SortOrder(String field, boolean ascending) {
    }

    private final List<List<Filter>> filterGroups;
    private final List<SortOrder> sortOrders;
    private final Integer pageSize;
    private final Integer currentPage;

    public SearchCriteria(List<List<Filter>> filterGroups, List<SortOrder> sortOrders, Integer pageSize,
                          Integer currentPage) {
        this.filterGroups = List.copyOf(filterGroups);
        this.sortOrders = List.copyOf(sortOrders);
        this.pageSize = pageSize;
        this.currentPage = currentPage;
    }

    /** Parses the decoded query parameters of a list request. */
    public static SearchCriteria parse(Map<String, List<String>> query) {
        Map<Integer, Map<Integer, Map<String, String>>> groups = new TreeMap<>();
        Map<Integer, Map<String, String>> sorts = new TreeMap<>();
        Integer pageSize = null;
        Integer currentPage = null;
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            String value = e.getValue().isEmpty() ? "" : e.getValue().get(0);
            Matcher f = FILTER.matcher(name);
            Matcher s = SORT.matcher(name);
            if (f.matches()) {
                groups.computeIfAbsent(Integer.valueOf(f.group(1)), k -> new TreeMap<>())
                        .computeIfAbsent(Integer.valueOf(f.group(2)), k -> new TreeMap<>())
                        .put(normalise(f.group(3)), value);
            } else if (s.matches()) {
                sorts.computeIfAbsent(Integer.valueOf(s.group(1)), k -> new TreeMap<>()).put(s.group(2), value);
            } else if (name.equals("searchCriteria[pageSize]") || name.equals("searchCriteria[page_size]")) {
                pageSize = parseInt(value);
            } else if (name.equals("searchCriteria[currentPage]") || name.equals("searchCriteria[current_page]")) {
                currentPage = parseInt(value);
            }
        }
        List<List<Filter>> filterGroups = new ArrayList<>();
        groups.values().forEach(g -> filterGroups.add(g.values().stream()
                .map(m -> new Filter(m.get("field"), m.getOrDefault("value", ""),
                        m.getOrDefault("condition_type", "eq")))
                .filter(flt -> flt.field() != null)
                .toList()));
        List<SortOrder> sortOrders = sorts.values().stream()
                .filter(m -> m.get("field") != null)
                .map(m -> new SortOrder(m.get("field"), !"DESC".equalsIgnoreCase(m.get("direction"))))
                .toList();
        return new SearchCriteria(filterGroups, sortOrders, pageSize, currentPage);
    }

    private static String normalise(String key) {
        return key.equals("conditionType") ? "condition_type" : key;
    }

    private static Integer parseInt(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw MagentoError.badRequest("\"" + value + "\" is not a valid integer.");
        }
    }

    public List<List<Filter>> filterGroups() {
        return filterGroups;
    }

    public List<SortOrder> sortOrders() {
        return sortOrders;
    }

    public Integer pageSize() {
        return pageSize;
    }

    public Integer currentPage() {
        return currentPage;
    }

    /**
     * Filters, sorts and pages {@code items} into Magento's search result {@code {items, search_criteria,
     * total_count}}. A {@code currentPage} past the end returns the last page again, as Magento does.
     */
    public ObjectNode apply(List<ObjectNode> items, MagentoFakeOptions options) {
        Integer effectiveSize = pageSize;
        if (options.inputLimitsEnabled()) {
            if (pageSize != null && pageSize > options.maximumPageSize()) {
                throw new MagentoError(400, "Maximum SearchCriteria pageSize is %max",
                        JsonHttp.nodes().objectNode().put("max", options.maximumPageSize()));
            }
            if (pageSize == null || pageSize <= 0) {
                effectiveSize = MagentoFakeOptions.DEFAULT_PAGE_SIZE;
            }
        }
        List<ObjectNode> matching = new ArrayList<>(items.stream().filter(this::matches).toList());
        comparator().ifPresent(matching::sort);
        ObjectNode result = JsonHttp.nodes().objectNode();
        ArrayNode page = result.putArray("items");
        page(matching, effectiveSize).forEach(page::add);
        result.set("search_criteria", echo());
        result.put("total_count", matching.size());
        return result;
    }

    private List<ObjectNode> page(List<ObjectNode> matching, Integer size) {
        if (size == null || size <= 0 || matching.isEmpty()) {
            return matching;
        }
        int lastPage = (matching.size() + size - 1) / size;
        int pageNo = Math.min(Math.max(currentPage == null ? 1 : currentPage, 1), lastPage);
        int from = (pageNo - 1) * size;
        return matching.subList(from, Math.min(from + size, matching.size()));
    }

    private boolean matches(ObjectNode item) {
        return filterGroups.stream().allMatch(group -> group.isEmpty()
                || group.stream().anyMatch(f -> Conditions.test(lookup(item, f.field()), f)));
    }

    /** A top-level field, else a custom attribute of that code; {@code null} when absent. */
    static JsonNode lookup(ObjectNode item, String field) {
        // products are filtered and sorted by entity_id but show it as id, as in Magento's product repository
        JsonNode direct = "entity_id".equals(field) && !item.has(field) ? item.get("id") : item.get(field);
        if (direct != null) {
            return direct;
        }
        for (JsonNode attribute : item.path("custom_attributes")) {
            if (field.equals(attribute.path("attribute_code").asText())) {
                return attribute.get("value");
            }
        }
        return null;
    }

    private java.util.Optional<Comparator<ObjectNode>> comparator() {
        Comparator<ObjectNode> result = null;
        for (SortOrder order : sortOrders) {
            Comparator<ObjectNode> c = (a, b) -> Conditions.compare(lookup(a, order.field()), lookup(b, order.field()));
            c = order.ascending() ? c : c.reversed();
            result = result == null ? c : result.thenComparing(c);
        }
        return java.util.Optional.ofNullable(result);
    }

    private ObjectNode echo() {
        ObjectNode sc = JsonHttp.nodes().objectNode();
        ArrayNode groups = sc.putArray("filter_groups");
        for (List<Filter> group : filterGroups) {
            ArrayNode filters = groups.addObject().putArray("filters");
            group.forEach(f -> filters.addObject().put("field", f.field()).put("value", f.value())
                    .put("condition_type", f.conditionType()));
        }
        if (!sortOrders.isEmpty()) {
            ArrayNode sorts = sc.putArray("sort_orders");
            sortOrders.forEach(s -> sorts.addObject().put("field", s.field()).put("direction", s.ascending() ? "ASC" : "DESC"));
        }
        if (pageSize != null) {
            sc.put("page_size", pageSize);
        }
        if (currentPage != null) {
            sc.put("current_page", currentPage);
        }
        return sc;
    }
}
