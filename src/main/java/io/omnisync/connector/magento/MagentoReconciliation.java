package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.channel.ChannelBindings;
import io.omnisync.platform.channel.ChannelListings;
import io.omnisync.platform.channel.ChannelProperties.Binding;
import io.omnisync.platform.channel.ListingChange;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.ledger.ChannelLedger;
import io.omnisync.platform.reconcile.ReconciliationProperties;
import io.omnisync.platform.reconcile.ReconciliationProperties.Mode;
import io.omnisync.platform.reconcile.ReconciliationRuns;
import io.omnisync.platform.reconcile.ReconciliationRuns.AccountCounts;
import io.omnisync.platform.reconcile.ReconciliationRuns.Drift;
import io.omnisync.platform.reconcile.ReconciliationRuns.Run;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Walks Magento's catalogue (simple and virtual products, by entity_id, one page at a time, so memory holds one
 * page whatever the catalogue's size) and, per bound channel account, compares what the account should show
 * ({@link ChannelBindings#shown} of the salable quantity, or of the POS location's own source capped at it) with what the channel
 * lists: REPORT records the drift, REPAIR also pushes the corrections, RESYNC pushes every SKU's quantity (and
 * store-view price) without reading the channels. Each page's read-Magento-then-push runs while the fan-out is not
 * flushing, so a reconciliation can never put an older quantity over a newer one the fan-out just pushed; SKUs
 * with a fan-out change in flight are not counted as drift. Runs are taken on the leader ({@link #tick}), record a
 * checkpoint per page and are resumed from it when their instance died.
 */
public class MagentoReconciliation implements DisposableBean,
        org.springframework.context.ApplicationListener<org.springframework.context.event.ContextClosedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MagentoReconciliation.class);
    private static final String SCHEDULE = "schedule";
    /** SKUs pushed per hold of the fan-out's lock, so live changes wait at most a few reads. */
    private static final int LOCKED_CHUNK = 50;

    private final MagentoClient client;
    private final MagentoInventory inventory;
    private final MagentoFanout fanout;
    private final ChannelBindings bindings;
    private final ChannelLedger ledger;
    private final Map<String, ChannelListings> channels;
    private final ReconciliationRuns runs;
    private final ReconciliationProperties properties;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ExecutorService readers;
    private final Map<String, AtomicLong> driftGauges = new ConcurrentHashMap<>();
    private final AtomicReference<Run> current = new AtomicReference<>();
    private final Map<String, Integer> stockOfWebsite = new ConcurrentHashMap<>();
    private volatile boolean gaugesLoaded;
    private volatile boolean stopping;

    /** Thrown between steps when the service is shutting down: the run is handed back at its last checkpoint. */
    private static final class Stopping extends RuntimeException {
        Stopping() {
            super("shutting down", null, false, false);
        }
    }

    public MagentoReconciliation(MagentoClient client, MagentoInventory inventory, MagentoFanout fanout,
                                 ChannelBindings bindings, ChannelLedger ledger, ObjectProvider<ChannelListings> channels,
                                 ReconciliationRuns runs, ReconciliationProperties properties, Clock clock,
                                 MeterRegistry registry) {
        this.client = client;
        this.inventory = inventory;
        this.fanout = fanout;
        this.bindings = bindings;
        this.ledger = ledger;
        this.channels = channels.orderedStream().collect(Collectors.toMap(ChannelListings::channel, Function.identity()));
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
        this.registry = registry;
        this.readers = Executors.newFixedThreadPool(properties.getParallelism(), r -> {
            Thread t = new Thread(r, "reconciliation-reader");
            t.setDaemon(true);
            return t;
        });
        for (Binding b : bindings.all()) {
            AtomicLong drift = new AtomicLong();
            driftGauges.put(key(b.getChannel(), b.getAccount()), drift);
            Gauge.builder("omnisync.reconciliation.drift", drift, AtomicLong::get)
                    .description("SKUs whose listing differed from Magento in the last finished comparison")
                    .tag("channel", b.getChannel()).tag("account", b.getAccount()).register(registry);
        }
        Gauge.builder("omnisync.reconciliation.skus.total", current, c -> c.get() == null ? 0 : c.get().total())
                .description("SKUs the running reconciliation covers").register(registry);
        Gauge.builder("omnisync.reconciliation.skus.done", current, c -> c.get() == null ? 0 : c.get().done())
                .description("SKUs the running reconciliation has finished").register(registry);
        Gauge.builder("omnisync.reconciliation.rate", current, c -> rate(c.get()))
                .description("SKUs per second of the running reconciliation").register(registry);
        Gauge.builder("omnisync.reconciliation.eta", current, c -> eta(c.get()))
                .description("Seconds the running reconciliation still needs at its rate").baseUnit("seconds").register(registry);
    }

    /** On the leader, every few seconds: schedules a run when one is due and works on the queued or stalled one. */
    public void tick() {
        if (!properties.isEnabled()) {
            return;
        }
        loadGauges();
        Instant now = clock.instant();
        Duration interval = properties.getInterval();
        if (!interval.isZero() && runs.active().isEmpty()
                && runs.lastScheduled().map(last -> !last.plus(interval).isAfter(now)).orElse(true)) {
            runs.request(properties.getScheduledMode(), SCHEDULE, null, null);
        }
        runs.next(now.minus(properties.getStalledAfter())).ifPresent(this::execute);
    }

    /** Runs (or resumes) one run to its end; answers it as it ended. */
    Run execute(Run run) {
        long total = run.total() > 0 ? run.total() : count();
        runs.start(run.id(), total);
        Run started = runs.find(run.id()).orElseThrow();
        List<Binding> targets = targets(started);
        LOG.info("reconciliation run {} ({}) {} at {} of {} SKUs for {}", run.id(), run.mode(),
                run.afterEntityId() > 0 ? "resumed" : "started", started.done(), total,
                targets.stream().map(b -> b.getChannel() + " " + b.getAccount()).toList());
        current.set(started);
        long done = started.done();
        long after = started.afterEntityId();
        Instant lastLog = clock.instant();
        try (Stream<JsonNode> products = MagentoSearch.of("/V1/products").where("type_id", "in", "simple,virtual")
                .where("entity_id", "gt", String.valueOf(after)).sortedBy("entity_id")
                .stream(client, "all", properties.getPageSize())) {
            Iterator<JsonNode> items = products.iterator();
            List<String> page = new ArrayList<>(properties.getPageSize());
            while (items.hasNext()) {
                page.clear();
                while (items.hasNext() && page.size() < properties.getPageSize()) {
                    JsonNode product = items.next();
                    page.add(product.path("sku").asText());
                    after = product.path("id").asLong(); // a product's entity_id
                }
                page(started, targets, page);
                done += page.size();
                if (!runs.progress(run.id(), done, after)) {
                    LOG.info("reconciliation run {} was cancelled at {} of {} SKUs", run.id(), done, total);
                    return ended(run.id());
                }
                current.set(runs.find(run.id()).orElseThrow());
                if (!Duration.between(lastLog, clock.instant()).minus(properties.getProgressLogInterval()).isNegative()) {
                    lastLog = clock.instant();
                    log(current.get());
                }
            }
            runs.finish(run.id(), ReconciliationRuns.Status.DONE, null);
        } catch (Stopping e) {
            LOG.info("reconciliation run {} handed back at {} of {} SKUs: shutting down; the leader resumes it from there",
                    run.id(), done, total);
            runs.release(run.id());
            current.set(null);
            return runs.find(run.id()).orElseThrow();
        } catch (RuntimeException e) {
            String reason = ErrorClassifier.rootMessage(e);
            if (ErrorClassifier.classify(e).transientFailure()) {
                LOG.warn("reconciliation run {} interrupted at {} of {} SKUs, resumed after {}: {}", run.id(), done, total,
                        properties.getStalledAfter(), reason);
                runs.interrupted(run.id(), reason);
                current.set(null);
                return runs.find(run.id()).orElseThrow();
            }
            LOG.error("reconciliation run {} failed at {} of {} SKUs: {}", run.id(), done, total, reason);
            runs.finish(run.id(), ReconciliationRuns.Status.FAILED, reason);
        }
        return ended(run.id());
    }

    private Run ended(long id) {
        Run ended = runs.find(id).orElseThrow();
        current.set(null);
        log(ended);
        if (ended.status() == ReconciliationRuns.Status.DONE && ended.mode() != Mode.RESYNC) {
            publishDrift(ended);
        }
        return ended;
    }

    /** One page: quantities from Magento, the channels' listings, drift, and the pushes the mode calls for. */
    private void page(Run run, List<Binding> targets, List<String> skus) {
        Map<Binding, Map<String, ChannelListings.Listed>> listed = new LinkedHashMap<>();
        Map<Binding, String> unreadable = new HashMap<>();
        if (run.mode() != Mode.RESYNC) {
            for (Binding b : targets) {
                checkStopping();
                try {
                    listed.put(b, channels.get(b.getChannel()).listed(b.getAccount(), considered(b, skus)));
                } catch (RuntimeException e) {
                    unreadable.put(b, ErrorClassifier.rootMessage(e));
                }
            }
        }
        for (int from = 0; from < skus.size(); from += LOCKED_CHUNK) {
            checkStopping();
            List<String> chunk = skus.subList(from, Math.min(skus.size(), from + LOCKED_CHUNK));
            if (run.mode() == Mode.REPORT) {
                compareAndPush(run, targets, chunk, listed, unreadable);
            } else {
                fanout.exclusive(() -> compareAndPush(run, targets, chunk, listed, unreadable));
            }
        }
    }

    private void compareAndPush(Run run, List<Binding> targets, List<String> skus,
                                Map<Binding, Map<String, ChannelListings.Listed>> listed, Map<Binding, String> unreadable) {
        Map<String, Map<String, BigDecimal>> quantities = quantities(targets, skus);
        Map<String, Map<String, BigDecimal>> prices = run.mode() == Mode.RESYNC ? prices(targets, skus) : Map.of();
        Set<String> inFlight = run.mode() == Mode.RESYNC ? Set.of() : fanout.inFlight(skus);
        for (Binding b : targets) {
            List<String> considered = considered(b, skus);
            Map<String, BigDecimal> magento = quantities.get(scopeOf(b));
            List<Drift> drift = new ArrayList<>();
            Map<String, ListingChange> changes = new LinkedHashMap<>();
            long notListed = 0;
            long refused = 0;
            for (String sku : considered) {
                BigDecimal truth = magento.getOrDefault(sku, BigDecimal.ZERO);
                BigDecimal expected = ChannelBindings.shown(b, sku, truth);
                if (run.mode() == Mode.RESYNC) {
                    BigDecimal price = "pos".equals(b.getChannel()) ? null : prices.getOrDefault(b.getStoreView(), Map.of()).get(sku);
                    changes.put(sku, new ListingChange(sku, expected, price, price == null ? null : b.getCurrency(), clock.instant()));
                    continue;
                }
                if (unreadable.containsKey(b)) {
                    refused++;
                    drift.add(new Drift(b.getChannel(), b.getAccount(), sku, truth, expected, null, "UNREADABLE", unreadable.get(b)));
                    continue;
                }
                ChannelListings.Listed shown = listed.get(b).get(sku);
                if (shown == null) {
                    notListed++;
                    drift.add(new Drift(b.getChannel(), b.getAccount(), sku, truth, expected, null, "NOT_LISTED",
                            "the channel has no listing for this SKU: list it there first"));
                } else if (inFlight.contains(sku)) {
                    continue;
                } else if (shown.quantity() == null || shown.quantity().compareTo(expected) != 0) {
                    drift.add(new Drift(b.getChannel(), b.getAccount(), sku, truth, expected, shown.quantity(),
                            run.mode() == Mode.REPAIR ? "REPAIRED" : "DRIFT", null));
                    if (run.mode() == Mode.REPAIR) {
                        changes.put(sku, new ListingChange(sku, expected, null, null, clock.instant()));
                    }
                } else {
                    ledger.recordShown(b.getChannel(), b.getAccount(), new ListingChange(sku, expected, null, null), clock.millis());
                }
            }
            Map<String, String> refusals = push(b, changes);
            for (int i = 0; i < drift.size(); i++) {
                Drift d = drift.get(i);
                String reason = refusals.get(d.sku());
                if (reason != null) {
                    drift.set(i, new Drift(d.channel(), d.account(), d.sku(), d.magento(), d.expected(), d.listed(), "REFUSED", reason));
                }
            }
            if (run.mode() == Mode.RESYNC) {
                refusals.forEach((sku, reason) -> drift.add(new Drift(b.getChannel(), b.getAccount(), sku,
                        magento.getOrDefault(sku, BigDecimal.ZERO), changes.get(sku).quantity(), null, "REFUSED", reason)));
            }
            refused += refusals.size();
            long drifted = drift.stream().filter(d -> !"NOT_LISTED".equals(d.outcome()) && !"UNREADABLE".equals(d.outcome())
                    && !(run.mode() == Mode.RESYNC)).count();
            runs.count(run.id(), new AccountCounts(b.getChannel(), b.getAccount(), considered.size(), drifted,
                    changes.size() - refusals.size(), notListed, refused));
            long room = properties.getMaxDriftRows() - runs.driftRows(run.id());
            if (room > 0) {
                runs.drift(run.id(), drift.subList(0, (int) Math.min(room, drift.size())));
            }
        }
    }

    /** Pushes the changes of one account and records what the channel now has; answers the SKUs it refused. */
    private Map<String, String> push(Binding b, Map<String, ListingChange> changes) {
        if (changes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> refused = new LinkedHashMap<>();
        ChannelListings.Pushed pushed;
        try {
            pushed = channels.get(b.getChannel()).push(b.getAccount(), List.copyOf(changes.values()));
            refused.putAll(pushed.refused());
        } catch (RuntimeException e) {
            String reason = ErrorClassifier.rootMessage(e);
            for (String sku : changes.keySet()) {
                refused.put(sku, reason);
            }
            pushed = ChannelListings.Pushed.answered(refused);
        }
        // held back: an earlier submission of the SKU (an Amazon feed) is still processed; the next run compares again
        pushed.held().keySet().forEach(sku -> refused.put(sku, "an earlier " + b.getChannel() + " submission of this SKU "
                + "is still being processed"));
        long version = clock.millis();
        for (ListingChange c : changes.values()) {
            CompletableFuture<Optional<String>> submitted = pushed.submitted().get(c.sku());
            if (submitted != null) {
                // processed later (an Amazon feed): recorded once the channel took it; a refusal is left to the next run
                submitted.thenAccept(outcome -> outcome.ifPresentOrElse(
                        reason -> LOG.warn("reconciliation run: {} {} refused {}: {}", b.getChannel(), b.getAccount(), c.sku(), reason),
                        () -> ledger.recordShown(b.getChannel(), b.getAccount(), c, version)));
            } else if (!refused.containsKey(c.sku())) {
                ledger.recordShown(b.getChannel(), b.getAccount(), c, version);
            }
        }
        Counter.builder("omnisync.reconciliation.pushed").description("Listing corrections and resync updates pushed")
                .tag("channel", b.getChannel()).tag("account", b.getAccount()).register(registry)
                .increment(changes.size() - refused.size());
        return refused;
    }

    /** Magento's quantity per scope (a stock id for marketplaces, a source code for POS locations) and SKU. */
    private Map<String, Map<String, BigDecimal>> quantities(List<Binding> targets, List<String> skus) {
        Map<String, Map<String, BigDecimal>> byScope = new HashMap<>();
        for (Binding b : targets) {
            String scope = scopeOf(b);
            if (byScope.containsKey(scope)) {
                continue;
            }
            if ("pos".equals(b.getChannel())) {
                Map<String, BigDecimal> onShelf = inventory.sourceQuantities(skus, b.getSource());
                Map<String, BigDecimal> salable = salable(skus, stockOfWebsite(b.getWebsite()));
                onShelf.replaceAll((sku, shelf) -> shelf.min(salable.getOrDefault(sku, BigDecimal.ZERO)));
                byScope.put(scope, onShelf);
            } else {
                byScope.put(scope, salable(skus, stockOfWebsite(b.getWebsite())));
            }
        }
        return byScope;
    }

    /** Salable quantities of a stock, {@code parallelism} reads in flight (Magento reads them one SKU at a time). */
    private Map<String, BigDecimal> salable(List<String> skus, int stock) {
        Map<String, Future<BigDecimal>> reads = new LinkedHashMap<>();
        skus.forEach(sku -> reads.put(sku, readers.submit(() -> inventory.salableQuantity(sku, stock))));
        Map<String, BigDecimal> salable = new HashMap<>();
        for (Map.Entry<String, Future<BigDecimal>> read : reads.entrySet()) {
            salable.put(read.getKey(), await(read.getValue()));
        }
        return salable;
    }

    /** The store-view price (the special price when lower) per store view and SKU, of enabled products. */
    private Map<String, Map<String, BigDecimal>> prices(List<Binding> targets, List<String> skus) {
        Map<String, Map<String, BigDecimal>> byView = new HashMap<>();
        for (Binding b : targets) {
            if ("pos".equals(b.getChannel()) || byView.containsKey(b.getStoreView())) {
                continue;
            }
            Map<String, BigDecimal> prices = new HashMap<>();
            MagentoSearch.of("/V1/products").where("sku", "in", String.join(",", skus)).sortedBy("entity_id")
                    .stream(client, b.getStoreView(), 300).filter(p -> p.path("status").asInt() == 1 && p.hasNonNull("price"))
                    .forEach(p -> prices.put(p.path("sku").asText(), MagentoFanout.finalPrice(p)));
            byView.put(b.getStoreView(), prices);
        }
        return byView;
    }

    private static BigDecimal await(Future<BigDecimal> read) {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading salable quantities", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private List<Binding> targets(Run run) {
        return bindings.all().stream().filter(b -> channels.containsKey(b.getChannel()))
                .filter(b -> run.channel() == null || run.channel().equals(b.getChannel()))
                .filter(b -> run.account() == null || run.account().equals(b.getAccount())).toList();
    }

    private static List<String> considered(Binding b, List<String> skus) {
        return skus.stream().filter(s -> !b.getExcludedSkus().contains(s)).toList();
    }

    private String scopeOf(Binding b) {
        return "pos".equals(b.getChannel()) ? "source:" + b.getSource() : "stock:" + stockOfWebsite(b.getWebsite());
    }

    private int stockOfWebsite(String website) {
        return stockOfWebsite.computeIfAbsent(website, inventory::stockOfWebsite);
    }

    /** The simple and virtual products Magento has (what a run covers). */
    private long count() {
        String query = MagentoSearch.of("/V1/products").where("type_id", "in", "simple,virtual").query(1, 1);
        return client.get("all", "/V1/products?" + query, client.readTimeout()).path("total_count").asLong();
    }

    private void publishDrift(Run run) {
        for (AccountCounts a : runs.accounts(run.id())) {
            AtomicLong gauge = driftGauges.get(key(a.channel(), a.account()));
            if (gauge != null) {
                gauge.set(a.drifted() + a.notListed());
            }
        }
    }

    private void loadGauges() {
        if (!gaugesLoaded) {
            gaugesLoaded = true;
            runs.lastCompared().ifPresent(this::publishDrift);
        }
    }

    private static void log(Run run) {
        LOG.info("reconciliation run {} ({}, {}): {}/{} SKUs ({}%), {} SKUs/s, ETA {}", run.id(), run.mode(), run.status(),
                run.done(), run.total(), run.progress() == null ? 0 : Math.round(run.progress() * 100),
                run.skusPerSecond() == null ? 0 : run.skusPerSecond(),
                run.etaSeconds() == null ? "-" : Duration.ofSeconds(run.etaSeconds()).toString().substring(2).toLowerCase());
    }

    private static double rate(Run run) {
        return run == null || run.skusPerSecond() == null ? 0 : run.skusPerSecond();
    }

    private static double eta(Run run) {
        return run == null || run.etaSeconds() == null ? 0 : run.etaSeconds();
    }

    private static String key(String channel, String account) {
        return channel + "\u0000" + account;
    }

    private void checkStopping() {
        if (stopping) {
            throw new Stopping();
        }
    }

    /**
     * On shutdown (before Camel stops its routes and waits for this one): the running run stops at its next step and
     * is handed back, so shutting down never waits for a catalogue walk.
     */
    @Override
    public void onApplicationEvent(org.springframework.context.event.ContextClosedEvent event) {
        stopping(true);
    }

    /** Whether a running run should stop at its next step and be handed back (shutdown; tests). */
    void stopping(boolean value) {
        this.stopping = value;
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }
}
