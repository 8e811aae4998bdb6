package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.channel.ChannelBindings;
import io.omnisync.platform.channel.ChannelListings;
import io.omnisync.platform.channel.ChannelProperties;
import io.omnisync.platform.channel.ListingChange;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.event.OrderCancelled;
import io.omnisync.platform.event.OrderLine;
import io.omnisync.platform.event.OrderPlaced;
import io.omnisync.platform.event.PriceChanged;
import io.omnisync.platform.event.StockChanged;
import io.omnisync.platform.jdbc.Rows;
import io.omnisync.platform.ledger.ChannelLedger;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Magento's truth to every bound channel account. Events only mark a SKU's stock (per Magento stock) or price
 * (per store view) as pending, in the transaction that consumes them: many changes of one SKU within the window
 * become one row, so one update with the latest value. The flush reads the current salable quantity and store-view
 * price from Magento, works out what each bound account shows ({@link ChannelBindings#shown}), skips what the
 * ledger says the channel already has, and pushes the rest per account in the channel's bulk calls. A failed push
 * stays pending with backoff; a SKU a channel keeps refusing goes to the dead-letter store with the reason.
 * Magento is read before anything is pushed: salable quantities {@value #READERS} at a time (Magento has no bulk
 * read of them), POS shelves in one source-items search per source and page; what a push settles (ledger rows,
 * pending rows removed) is committed in one transaction per flush.
 */
public class MagentoFanout implements AutoCloseable {

    static final String STOCK = "stock";
    static final String PRICE = "price";
    /** A POS location's shelf: the quantity of its own MSI source (scope = source code). */
    static final String SOURCE = "source";
    private static final Logger LOG = LoggerFactory.getLogger(MagentoFanout.class);
    /** Pending rows one flush takes; at a 1 s window that is 1,000 SKUs changing every second on two kinds. */
    private static final int BATCH = 2000;
    /** Salable-quantity reads in flight at once. */
    static final int READERS = 8;
    /** About a day of transient failures at the 5-minute backoff cap. */
    private static final int MAX_ATTEMPTS = 300;
    /** How long a row waits for a channel's submission (an Amazon feed) when nothing wakes it: a restart lost the watcher. */
    static final Duration HELD_FOR = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final MagentoInventory inventory;
    private final MagentoCatalog catalog;
    private final MagentoOrders orders;
    private final MagentoStores stores;
    private final MagentoLedger magentoLedger;
    private final ChannelBindings bindings;
    private final ChannelLedger ledger;
    private final Map<String, ChannelListings> channels;
    private final DeadLetters deadLetters;
    private final Duration window;
    private final int guardBelow;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, Integer> stockOfWebsite = new ConcurrentHashMap<>();
    private final TransactionTemplate tx;
    private final ExecutorService readers = Executors.newFixedThreadPool(READERS, r -> {
        Thread t = new Thread(r, "fanout-reader");
        t.setDaemon(true);
        return t;
    });

    public MagentoFanout(JdbcTemplate jdbc, TransactionTemplate tx, MagentoInventory inventory, MagentoCatalog catalog, MagentoOrders orders,
                         MagentoStores stores, MagentoLedger magentoLedger, ChannelBindings bindings, ChannelLedger ledger,
                         ObjectProvider<ChannelListings> channels, DeadLetters deadLetters, ChannelProperties properties,
                         Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.inventory = inventory;
        this.catalog = catalog;
        this.orders = orders;
        this.stores = stores;
        this.magentoLedger = magentoLedger;
        this.bindings = bindings;
        this.ledger = ledger;
        this.channels = channels.orderedStream().collect(Collectors.toMap(ChannelListings::channel, Function.identity()));
        this.deadLetters = deadLetters;
        this.window = properties.getFanout().getWindow();
        this.guardBelow = properties.getFanout().getReadBeforeWriteBelow();
        this.clock = clock;
        this.registry = registry;
        io.micrometer.core.instrument.Gauge.builder("omnisync.channels.fanout.failing", jdbc,
                        j -> j.queryForObject("SELECT COUNT(*) FROM fanout_pending WHERE attempts > 0", Long.class))
                .description("Pending listing changes whose push failed and is being retried (a channel is down or refusing)")
                .register(registry);
    }

    // ------------------------------------------------------------ marking (on the bus, in the delivery's transaction)

    /** A source quantity changed: the salable quantity of every stock the source feeds may have. */
    public void stockChanged(StockChanged event) {
        magentoLedger.stocksOf(event.sourceCode()).forEach(stock -> markStock(event.sku(), stock));
        if (bindings.of("pos").stream().anyMatch(b -> event.sourceCode().equals(b.getSource()))) {
            mark(SOURCE, event.sku(), event.sourceCode());
        }
    }

    /** A Magento order reserved units (placed) or gave them back (cancelled). */
    public void orderPlaced(OrderPlaced order) {
        int stock = stockOfStoreView(order.storeCode());
        order.lines().stream().map(OrderLine::sku).distinct().forEach(sku -> markStock(sku, stock));
    }

    public void orderCancelled(OrderCancelled cancelled) {
        JsonNode order = orders.get(Integer.parseInt(cancelled.magentoOrderId()));
        String storeCode = storeCodeOf(order.path("store_id").asInt());
        int stock = stockOfStoreView(storeCode);
        order.path("items").forEach(i -> markStock(i.path("sku").asText(), stock));
    }

    /**
     * The salable quantity of a stock may have changed: the marketplaces on it, and the POS shelves whose website
     * sells from it (a shelf never shows units the stock has promised to orders waiting for shipment).
     */
    private void markStock(String sku, int stock) {
        mark(STOCK, sku, String.valueOf(stock));
        bindings.of("pos").stream().filter(b -> b.getSource() != null && stockOfWebsite(b.getWebsite()) == stock)
                .map(ChannelProperties.Binding::getSource).distinct().forEach(source -> mark(SOURCE, sku, source));
    }

    /** A store-view price changed. */
    public void priceChanged(PriceChanged price) {
        mark(PRICE, price.sku(), price.storeCode());
    }

    /**
     * Marks (kind, sku, scope) pending: a new row waits the coalescing window; an existing one only counts the mark,
     * so a flush that is pushing it right now keeps it for another round instead of swallowing this change.
     */
    private void mark(String kind, String sku, String scope) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp due = Timestamp.from(clock.instant().plus(window));
        // a row deferred for a channel's submission in flight comes due with the window again, so the other channels get
        // this change now (the channel still processing holds it back); a row in a failure's backoff keeps its wait
        int marked = jdbc.update("UPDATE fanout_pending SET mark_seq = mark_seq + 1, marked_at = ?, next_attempt_at = CASE "
                + "WHEN attempts = 0 AND next_attempt_at > ? THEN ? ELSE next_attempt_at END WHERE kind = ? AND sku = ? "
                + "AND scope = ?", now, due, due, kind, sku, scope);
        if (marked == 0 && !Rows.insertIfAbsent(jdbc, "INSERT INTO fanout_pending (kind, sku, scope, marked_at, mark_seq, "
                + "attempts, next_attempt_at) VALUES (?, ?, ?, ?, 0, 0, ?)", kind, sku, scope, now, due)) {
            // inserted concurrently by another consumer: count this mark on that row
            jdbc.update("UPDATE fanout_pending SET mark_seq = mark_seq + 1 WHERE kind = ? AND sku = ? AND scope = ?",
                    kind, sku, scope);
        }
    }

    // ------------------------------------------------------------ flushing (timer route, outside the bus)

    private record Pending(String kind, String sku, String scope, int attempts, long markSeq) {
    }

    private record Target(String channel, String account) {
    }

    /**
     * Runs work while no flush is pushing (flushes hold the same lock): a reconciliation reads Magento and pushes
     * inside it, so its push can never land after, and over, a newer value a flush pushed.
     */
    public synchronized void exclusive(Runnable work) {
        work.run();
    }

    /** The SKUs among these with a change waiting to be pushed (any kind, any scope). */
    public Set<String> inFlight(List<String> skus) {
        if (skus.isEmpty()) {
            return Set.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(skus.size(), "?"));
        return new HashSet<>(jdbc.queryForList("SELECT DISTINCT sku FROM fanout_pending WHERE sku IN (" + marks + ")",
                String.class, skus.toArray()));
    }

    /** Pushes what is due; answers how many pending rows were settled. */
    public synchronized int flush() {
        List<Pending> due = jdbc.query("SELECT kind, sku, scope, attempts, mark_seq FROM fanout_pending "
                + "WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?", (rs, i) -> new Pending(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)), Timestamp.from(clock.instant()), BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        Map<Target, Map<String, ListingChange>> changes = new LinkedHashMap<>();
        Map<Target, Map<String, List<Pending>>> sources = new LinkedHashMap<>();
        List<Pending> settled = new ArrayList<>();
        Map<String, CompletableFuture<BigDecimal>> salable = new HashMap<>();
        Map<Pending, CompletableFuture<BigDecimal>> quantities = readQuantities(due, salable);
        List<String> stockSkus = due.stream().filter(p -> STOCK.equals(p.kind())).map(Pending::sku).distinct().toList();
        // what each channel account shows of these SKUs, read once per account for the whole flush (pushes record
        // what they made it show only after this loop, so every row of the flush compares with the same values)
        Map<Target, Map<String, String>> shown = new HashMap<>();
        Function<Target, Map<String, String>> shownOf = t -> shown.computeIfAbsent(t, k ->
                ledger.shownQuantities(k.channel(), k.account(), stockSkus));
        for (Pending p : due) {
            try {
                boolean any = switch (p.kind()) {
                    case STOCK -> stockChanges(p, quantity(quantities.get(p)), shownOf, changes, sources);
                    case SOURCE -> sourceChanges(p, quantities.get(p), salable, changes, sources);
                    default -> priceChanges(p, changes, sources);
                };
                if (!any) {
                    settled.add(p);
                }
            } catch (RuntimeException e) {
                failed(p, e);
            }
        }
        List<Runnable> bookkeeping = new ArrayList<>();
        // a row one account failed stays pending for the retry, even where the other accounts took it (what they were
        // pushed is recorded, so the retry pushes only to the accounts that still show something else)
        Set<Pending> kept = new HashSet<>();
        Later later = new Later();
        changes.forEach((target, bySku) -> push(target, bySku, sources.get(target), settled, kept, bookkeeping, later));
        List<Pending> done = settled.stream().distinct().filter(p -> !kept.contains(p)).toList();
        tx.executeWithoutResult(status -> {
            bookkeeping.forEach(Runnable::run);
            done.forEach(this::delete);
            later.deferred.forEach(this::defer);
        });
        // only now, so an outcome that is already in cannot find its row not yet deferred; each batch of late outcomes is
        // settled in one transaction (one commit per feed, not one per SKU)
        later.heldBy.forEach((earlier, rows) -> earlier.whenComplete((ignored, e) -> unlessTheDatabaseFails(rows,
                () -> wakeAll(rows))));
        if (!later.awaiting.isEmpty()) {
            CompletableFuture<?>[] outcomes = later.awaiting.values().stream().flatMap(List::stream).map(Awaited::outcome)
                    .distinct().toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(outcomes).whenComplete((ignored, e) -> unlessTheDatabaseFails(later.awaiting.keySet(),
                    () -> settleLater(later.awaiting)));
        }
        return done.size();
    }

    /**
     * Starts Magento's reads for the due rows: the salable quantity of each (SKU, stock) on the reader threads, the
     * quantities of each POS source in searches of up to a page of SKUs. Price rows read their product when handled.
     */
    private Map<Pending, CompletableFuture<BigDecimal>> readQuantities(List<Pending> due,
                                                                     Map<String, CompletableFuture<BigDecimal>> salable) {
        Map<Pending, CompletableFuture<BigDecimal>> reads = new LinkedHashMap<>();
        Map<String, List<Pending>> shelvesBySource = new LinkedHashMap<>();
        for (Pending p : due) {
            if (STOCK.equals(p.kind())) {
                reads.put(p, salable(salable, p.sku(), Integer.parseInt(p.scope())));
            } else if (SOURCE.equals(p.kind())) {
                shelvesBySource.computeIfAbsent(p.scope(), k -> new ArrayList<>()).add(p);
                // a shelf is capped at its website's salable quantity: read with the rest (once per SKU and stock)
                bindings.of("pos").stream().filter(b -> p.scope().equals(b.getSource()))
                        .forEach(b -> salable(salable, p.sku(), stockOfWebsite(b.getWebsite())));
            }
        }
        shelvesBySource.forEach((source, rows) -> {
            CompletableFuture<Map<String, BigDecimal>> read = CompletableFuture.supplyAsync(() ->
                    inventory.sourceQuantities(rows.stream().map(Pending::sku).toList(), source), readers);
            rows.forEach(p -> reads.put(p, read.thenApply(bySku -> bySku.get(p.sku()))));
        });
        return reads;
    }

    /** The salable-quantity read of (SKU, stock) in this flush, started on the reader threads on first use. */
    private CompletableFuture<BigDecimal> salable(Map<String, CompletableFuture<BigDecimal>> reads, String sku, int stock) {
        return reads.computeIfAbsent(sku + "@" + stock, k -> CompletableFuture.supplyAsync(() ->
                inventory.salableQuantity(sku, stock), readers));
    }

    /** The value read, or the read's own failure (so the error class and backoff are the same as reading inline). */
    private static BigDecimal quantity(CompletableFuture<BigDecimal> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private boolean stockChanges(Pending p, BigDecimal salable, Function<Target, Map<String, String>> shownOf,
                                 Map<Target, Map<String, ListingChange>> changes, Map<Target, Map<String, List<Pending>>> sources) {
        int stock = Integer.parseInt(p.scope());
        boolean any = false;
        for (ChannelProperties.Binding b : bindings.all()) {
            // a POS location sells what is on its shelf (its own MSI source), not the website's salable quantity
            if (!channels.containsKey(b.getChannel()) || "pos".equals(b.getChannel())
                    || stockOfWebsite(b.getWebsite()) != stock || b.getExcludedSkus().contains(p.sku())) {
                continue;
            }
            BigDecimal shown = ChannelBindings.shown(b, p.sku(), salable);
            Target t = new Target(b.getChannel(), b.getAccount());
            if (shown.toPlainString().equals(shownOf.apply(t).get(p.sku()))) {
                continue;
            }
            changes.computeIfAbsent(t, k -> new LinkedHashMap<>()).merge(p.sku(), new ListingChange(p.sku(), shown, null, null),
                    (a, c) -> new ListingChange(a.sku(), c.quantity(), a.price(), a.currency()));
            sources.computeIfAbsent(t, k -> new LinkedHashMap<>()).computeIfAbsent(p.sku(), k -> new ArrayList<>()).add(p);
            any = true;
        }
        return any;
    }

    /** A POS location shows its own source's quantity (through its binding's buffer and cap). */
    private boolean sourceChanges(Pending p, CompletableFuture<BigDecimal> read, Map<String, CompletableFuture<BigDecimal>> salable,
                                  Map<Target, Map<String, ListingChange>> changes, Map<Target, Map<String, List<Pending>>> sources) {
        List<ChannelProperties.Binding> shelves = bindings.of("pos").stream()
                .filter(b -> channels.containsKey("pos") && p.scope().equals(b.getSource())
                        && !b.getExcludedSkus().contains(p.sku())).toList();
        if (shelves.isEmpty()) {
            return false;
        }
        BigDecimal onShelf = quantity(read);
        boolean any = false;
        for (ChannelProperties.Binding b : shelves) {
            // never more than the salable quantity of the stock its website sells from: units reserved for orders
            // waiting for shipment are still on the shelf
            BigDecimal sellable = onShelf.min(quantity(salable(salable, p.sku(), stockOfWebsite(b.getWebsite()))));
            BigDecimal shown = ChannelBindings.shown(b, p.sku(), sellable);
            String known = ledger.shownQuantity("pos", b.getAccount(), p.sku()).orElse(null);
            // nothing on the shelf of a SKU never pushed to this POS: not stocked there (e.g. a web-only SKU of the
            // website's stock), nothing to show, nothing to refuse; reconciliation reports it if the POS lists it
            if (shown.toPlainString().equals(known) || known == null && onShelf.signum() == 0) {
                continue;
            }
            Target t = new Target("pos", b.getAccount());
            changes.computeIfAbsent(t, k -> new LinkedHashMap<>()).put(p.sku(),
                    new ListingChange(p.sku(), shown, null, null, clock.instant()));
            sources.computeIfAbsent(t, k -> new LinkedHashMap<>()).computeIfAbsent(p.sku(), k -> new ArrayList<>()).add(p);
            any = true;
        }
        return any;
    }

    private boolean priceChanges(Pending p, Map<Target, Map<String, ListingChange>> changes,
                                 Map<Target, Map<String, List<Pending>>> sources) {
        List<ChannelProperties.Binding> bound = bindings.all().stream()
                .filter(b -> channels.containsKey(b.getChannel()) && b.getStoreView().equals(p.scope())
                        && !"pos".equals(b.getChannel())).toList();
        if (bound.isEmpty()) {
            return false;
        }
        JsonNode product = catalog.product(p.scope(), p.sku()).orElse(null);
        if (product == null || product.path("status").asInt() != 1) {
            return false;
        }
        BigDecimal price = finalPrice(product);
        boolean any = false;
        for (ChannelProperties.Binding b : bound) {
            if (b.getExcludedSkus().contains(p.sku())) {
                continue;
            }
            String value = ChannelLedger.priceValue(b.getCurrency(), price);
            String known = ledger.shownPrice(b.getChannel(), b.getAccount(), p.sku()).orElse(null);
            if (value.equals(known)) {
                continue;
            }
            Target t = new Target(b.getChannel(), b.getAccount());
            changes.computeIfAbsent(t, k -> new LinkedHashMap<>()).merge(p.sku(),
                    new ListingChange(p.sku(), null, price, b.getCurrency()),
                    (a, c) -> new ListingChange(a.sku(), a.quantity(), c.price(), c.currency()));
            sources.computeIfAbsent(t, k -> new LinkedHashMap<>()).computeIfAbsent(p.sku(), k -> new ArrayList<>()).add(p);
            any = true;
        }
        return any;
    }

    /** The store view's price, or its special price when that is lower. */
    static BigDecimal finalPrice(JsonNode product) {
        BigDecimal price = product.path("price").decimalValue();
        for (JsonNode attribute : product.path("custom_attributes")) {
            if ("special_price".equals(attribute.path("attribute_code").asText()) && !attribute.path("value").asText().isBlank()) {
                BigDecimal special = new BigDecimal(attribute.path("value").asText());
                if (special.compareTo(price) < 0) {
                    price = special;
                }
            }
        }
        return price;
    }

    /**
     * What a flush leaves to later: rows kept pending until a channel's submission is processed (deferred, so they are
     * not read again meanwhile), the outcomes each of them awaits, and what wakes rows held back for an earlier one.
     */
    private static final class Later {
        final Set<Pending> deferred = new java.util.LinkedHashSet<>();
        final Map<Pending, List<Awaited>> awaiting = new LinkedHashMap<>();
        final Map<CompletableFuture<?>, List<Pending>> heldBy = new java.util.IdentityHashMap<>();
    }

    /** A change a channel submitted for processing later, and its outcome (empty when taken, else the refusal). */
    private record Awaited(Target target, ListingChange change, long version, CompletableFuture<Optional<String>> outcome) {

        Optional<String> reason() {
            Optional<String> r = outcome.handle((o, e) -> e == null ? o : Optional.of(ErrorClassifier.rootMessage(e))).join();
            return r.map(why -> target.channel() + " " + target.account() + " refused " + change.sku() + ": " + why);
        }
    }

    /**
     * Pushes one account's changes; what that settles (ledger rows) is added to bookkeeping, run in the flush's
     * transaction. SKUs the channel submitted for processing later keep their rows until the outcome is in (taken: the
     * ledger records it and the row goes; refused: the row fails as a refusal now would); SKUs it held back for an
     * earlier submission are pushed again once that one is processed.
     */
    private void push(Target target, Map<String, ListingChange> bySku, Map<String, List<Pending>> sources,
                      List<Pending> settled, Set<Pending> kept, List<Runnable> bookkeeping, Later later) {
        List<ListingChange> list = List.copyOf(bySku.values());
        ChannelListings.Pushed pushed;
        try {
            pushed = channels.get(target.channel()).push(target.account(), guarded(target, list));
        } catch (RuntimeException e) {
            sources.values().stream().flatMap(List::stream).distinct().filter(kept::add).forEach(p -> failed(p, e));
            count(target.channel(), "failed", list.size());
            return;
        }
        Map<String, String> refused = pushed.refused();
        long version = clock.millis();
        for (ListingChange c : list) {
            List<Pending> rows = sources.get(c.sku());
            String reason = refused.get(c.sku());
            if (reason != null) {
                rows.stream().filter(kept::add).forEach(p -> failed(p, new IllegalStateException(target.channel() + " "
                        + target.account() + " refused " + c.sku() + ": " + reason)));
                continue;
            }
            CompletableFuture<?> earlier = pushed.held().get(c.sku());
            if (earlier != null) {
                rows.stream().filter(kept::add).forEach(later.deferred::add);
                later.heldBy.computeIfAbsent(earlier, k -> new ArrayList<>()).addAll(rows);
                continue;
            }
            CompletableFuture<Optional<String>> submitted = pushed.submitted().get(c.sku());
            if (submitted != null) {
                Awaited awaited = new Awaited(target, c, version, submitted);
                rows.forEach(p -> {
                    if (kept.add(p)) {
                        later.deferred.add(p);
                    }
                    later.awaiting.computeIfAbsent(p, k -> new ArrayList<>()).add(awaited);
                });
                continue;
            }
            // the intended value, not what the low-stock guard sent: the next change is judged against Magento's truth
            bookkeeping.add(() -> ledger.recordShown(target.channel(), target.account(), c, version));
            settled.addAll(rows);
        }
        int answered = list.size() - refused.size() - pushed.held().size() - pushed.submitted().size();
        count(target.channel(), "pushed", answered);
        count(target.channel(), "held", pushed.held().size());
        count(target.channel(), "submitted", pushed.submitted().size());
        LOG.debug("pushed {} changes to {} {}, {} submitted, {} held back", answered, target.channel(), target.account(),
                pushed.submitted().size(), pushed.held().size());
    }

    /**
     * A flush's submissions are all processed, in one transaction: what each channel took is recorded in the ledger; a
     * row goes when all its submissions were taken and nothing marked it since (a newer change is pushed by the next
     * flush, woken now), and fails as a refusal would when any was refused. A row that failed elsewhere meanwhile keeps
     * that failure's retry.
     */
    private synchronized void settleLater(Map<Pending, List<Awaited>> awaiting) {
        tx.executeWithoutResult(status -> {
            for (Awaited a : new java.util.LinkedHashSet<>(awaiting.values().stream().flatMap(List::stream).toList())) {
                boolean taken = a.reason().isEmpty();
                if (taken) {
                    ledger.recordShown(a.target().channel(), a.target().account(), a.change(), a.version());
                }
                count(a.target().channel(), taken ? "pushed" : "refused", 1);
            }
            awaiting.forEach((p, submissions) -> {
                List<String> reasons = submissions.stream().map(Awaited::reason).flatMap(Optional::stream).toList();
                if (reasons.isEmpty()) {
                    if (!delete(p)) {
                        wake(p);
                    }
                } else if (Rows.exists(jdbc, "SELECT 1 FROM fanout_pending WHERE kind = ? AND sku = ? AND scope = ? "
                        + "AND attempts = ?", p.kind(), p.sku(), p.scope(), p.attempts())) {
                    failed(p, new IllegalStateException(String.join("; ", reasons)));
                }
            });
        });
    }

    /** Rows held back for an earlier submission that is now processed: due now, in one transaction. */
    private synchronized void wakeAll(List<Pending> rows) {
        tx.executeWithoutResult(status -> rows.forEach(this::wake));
    }

    /** Runs what a channel's late outcome does to rows; if the state database fails it, they come due after HELD_FOR. */
    private void unlessTheDatabaseFails(java.util.Collection<Pending> rows, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("the outcome of a channel submission of {} pending changes could not be recorded, so they are pushed "
                    + "again within {}: {}", rows.size(), HELD_FOR, ErrorClassifier.rootMessage(e));
        }
    }

    /** Keeps an untouched row out of the flushes until what it waits for wakes it (or HELD_FOR passed: a restart). */
    private void defer(Pending p) {
        jdbc.update("UPDATE fanout_pending SET next_attempt_at = ? WHERE kind = ? AND sku = ? AND scope = ? AND mark_seq = ? "
                + "AND attempts = ?", Timestamp.from(clock.instant().plus(HELD_FOR)), p.kind(), p.sku(), p.scope(),
                p.markSeq(), p.attempts());
    }

    /** Makes a deferred row due now (a row waiting out a failure's backoff keeps it). */
    private void wake(Pending p) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("UPDATE fanout_pending SET next_attempt_at = ? WHERE kind = ? AND sku = ? AND scope = ? AND attempts = 0 "
                + "AND next_attempt_at > ?", now, p.kind(), p.sku(), p.scope(), now);
    }

    /**
     * The low-stock guard. A marketplace or POS takes its own sales off what it shows at once, but they reach Magento
     * only with the next order poll or webhook; an absolute push in between would put those units back on sale. So a
     * quantity at or below {@code read-before-write-below} that is no rise over what was last pushed (the ledger
     * holds the intended value) is sent as no more than what the channel shows now. The ledger still records the
     * intended value, so the next change is judged against Magento's truth, and the channel converges once its orders
     * are imported.
     */
    private List<ListingChange> guarded(Target target, List<ListingChange> changes) {
        if (guardBelow <= 0) {
            return changes;
        }
        List<String> low = new ArrayList<>();
        for (ListingChange c : changes) {
            if (c.quantity() != null && c.quantity().compareTo(BigDecimal.valueOf(guardBelow)) <= 0) {
                ledger.shownQuantity(target.channel(), target.account(), c.sku())
                        .filter(shown -> c.quantity().compareTo(new BigDecimal(shown)) <= 0).ifPresent(shown -> low.add(c.sku()));
            }
        }
        if (low.isEmpty()) {
            return changes;
        }
        Map<String, ChannelListings.Listed> shows = channels.get(target.channel()).listed(target.account(), low);
        List<ListingChange> sent = new ArrayList<>(changes.size());
        int held = 0;
        for (ListingChange c : changes) {
            ChannelListings.Listed now = low.contains(c.sku()) ? shows.get(c.sku()) : null;
            if (now != null && now.quantity() != null && now.quantity().compareTo(c.quantity()) < 0) {
                sent.add(new ListingChange(c.sku(), now.quantity().max(BigDecimal.ZERO), c.price(), c.currency(), c.asOf()));
                held++;
            } else {
                sent.add(c);
            }
        }
        count(target.channel(), "held-by-guard", held);
        return sent;
    }

    private void failed(Pending p, RuntimeException e) {
        int attempts = p.attempts() + 1;
        String reason = ErrorClassifier.rootMessage(e);
        // a channel that is down (breaker open, 5xx, timeouts) is waited for, with backoff up to 5 minutes, for about a
        // day; what it refuses for good is dead-lettered at the second refusal
        if (attempts >= MAX_ATTEMPTS || !ErrorClassifier.classify(e).transientFailure() && attempts >= 2) {
            deadLetters.recordUnjournalled("channels-fanout", "magento", p.kind() + ":" + p.scope() + ":" + p.sku(),
                    p.kind(), p.sku(), "{\"kind\":\"" + p.kind() + "\",\"sku\":\"" + p.sku() + "\",\"scope\":\"" + p.scope() + "\"}",
                    ErrorClassifier.classify(e), reason);
            delete(p);
            count("all", "dead-lettered", 1);
            return;
        }
        // a channel's Retry-After (429 beyond what its client waits) is honoured, up to the fan-out's longest wait
        long backoff = Math.min(300, Math.max(1L << attempts,
                ErrorClassifier.retryAfter(e).map(d -> d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0)).orElse(0L)));
        jdbc.update("UPDATE fanout_pending SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE kind = ? AND sku = ? "
                + "AND scope = ?", attempts, Timestamp.from(clock.instant().plusSeconds(backoff)),
                reason.length() > 1000 ? reason.substring(0, 1000) : reason, p.kind(), p.sku(), p.scope());
    }

    /**
     * Deletes the row unless it was marked again since it was read (then the next flush pushes the newer value) or
     * failed since (then its retry is due); answers whether it did.
     */
    private boolean delete(Pending p) {
        return jdbc.update("DELETE FROM fanout_pending WHERE kind = ? AND sku = ? AND scope = ? AND mark_seq = ? AND attempts = ?",
                p.kind(), p.sku(), p.scope(), p.markSeq(), p.attempts()) == 1;
    }

    /** Stops the reader threads (Spring calls this when the context closes). */
    @Override
    public void close() {
        readers.shutdownNow();
    }

    private void count(String channel, String outcome, int n) {
        if (n > 0) {
            Counter.builder("omnisync.channels.fanout").description("Listing changes pushed to channels, by outcome")
                    .tag("channel", channel).tag("outcome", outcome).register(registry).increment(n);
        }
    }

    private int stockOfWebsite(String websiteCode) {
        return stockOfWebsite.computeIfAbsent(websiteCode, inventory::stockOfWebsite);
    }

    private int stockOfStoreView(String storeCode) {
        JsonNode view = stores.byCode().path(Objects.requireNonNull(storeCode, "store code"));
        return stockOfWebsite(view.path("websiteCode").asText());
    }

    private String storeCodeOf(int storeId) {
        var views = stores.byCode();
        for (var it = views.fieldNames(); it.hasNext(); ) {
            String code = it.next();
            if (views.get(code).path("id").asInt() == storeId) {
                return code;
            }
        }
        throw new io.omnisync.platform.error.IntegrationException(ErrorClass.MISSING, "Magento has no store view " + storeId);
    }
}
