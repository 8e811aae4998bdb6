package io.omnisync.sandbox.magento;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The deterministic seed catalogue: websites {@code base} (USD) and {@code eu} (EUR), store views
 * {@code default}, {@code eu_de}, {@code eu_fr}; MSI sources {@code us_warehouse}/{@code eu_warehouse} with stocks
 * 1 and 2; 50 simple products {@code OS-0001}..{@code OS-0050} with en/de/fr names and USD/EUR prices.
 */
public final class MagentoSeed {

    /** Base URL the store configs report (the shop's storefront, not the fake's REST address). */
    public static final String STOREFRONT_URL = "http://magento.test";

    private static final String[][] ITEMS = {
        {"Organic Cotton T-Shirt", "Bio-Baumwoll-T-Shirt", "T-shirt en coton bio", "24.90", "0.2"},
        {"Heavyweight Hoodie", "Schwerer Kapuzenpullover", "Sweat à capuche épais", "59.00", "0.7"},
        {"Linen Shirt", "Leinenhemd", "Chemise en lin", "49.50", "0.3"},
        {"Denim Jacket", "Jeansjacke", "Veste en jean", "89.00", "1.1"},
        {"Merino Wool Scarf", "Merinowollschal", "Écharpe en laine mérinos", "39.00", "0.2"},
        {"Stoneware Mug", "Steingutbecher", "Tasse en grès", "14.50", "0.4"},
        {"Cotton Throw Blanket", "Baumwoll-Wohndecke", "Plaid en coton", "69.00", "1.4"},
        {"Soy Scented Candle", "Soja-Duftkerze", "Bougie parfumée au soja", "22.00", "0.5"},
        {"Linen Napkins, Set of 4", "Leinenservietten, 4er-Set", "Serviettes en lin, lot de 4", "29.00", "0.3"},
        {"Canvas Tote Bag", "Canvas-Tragetasche", "Sac cabas en toile", "19.90", "0.3"},
    };
    private static final String[][] COLOURS = {
        {"Navy", "Marineblau", "Bleu marine"},
        {"Charcoal", "Anthrazit", "Anthracite"},
        {"Sage", "Salbeigrün", "Vert sauge"},
        {"Sand", "Sand", "Sable"},
        {"Terracotta", "Terrakotta", "Terre cuite"},
    };
    private static final String[][] CUSTOMERS = {
        {"Emma", "Johnson", "Austin", "78701", "US"}, {"Liam", "Smith", "Portland", "97201", "US"},
        {"Lena", "Müller", "Berlin", "10115", "DE"}, {"Jonas", "Schmidt", "Hamburg", "20095", "DE"},
        {"Chloé", "Martin", "Lyon", "69001", "FR"}, {"Hugo", "Bernard", "Paris", "75002", "FR"},
    };

    private static final java.util.Map<String, String> PHONE_PREFIX =
            java.util.Map.of("US", "+1 512 555 ", "DE", "+49 30 5550 ", "FR", "+33 1 55 50 ");

    private MagentoSeed() {
    }

    /** A freshly seeded store emitting its events through {@code emitter}. */
    public static MagentoStore create(WebhookEmitter emitter, Clock clock) {
        return new MagentoStore(topology(), products(), inventory(), emitter, clock);
    }

    static StoreTopology topology() {
        return new StoreTopology(
                List.of(new StoreTopology.Website(0, "admin", "Admin", 0, "USD"),
                        new StoreTopology.Website(1, "base", "Main Website", 1, "USD"),
                        new StoreTopology.Website(2, "eu", "EU Website", 2, "EUR")),
                List.of(new StoreTopology.StoreGroup(0, 0, 0, 0, "Default", "default"),
                        new StoreTopology.StoreGroup(1, 1, 2, 1, "Main Website Store", "main_website_store"),
                        new StoreTopology.StoreGroup(2, 2, 2, 2, "EU Store", "eu_store")),
                List.of(new StoreTopology.StoreView(0, "admin", "Admin", 0, 0, "en_US", "USD", "UTC"),
                        new StoreTopology.StoreView(1, "default", "Default Store View", 1, 1, "en_US", "USD",
                                "America/Chicago"),
                        new StoreTopology.StoreView(2, "eu_de", "Deutsch", 2, 2, "de_DE", "EUR", "Europe/Berlin"),
                        new StoreTopology.StoreView(3, "eu_fr", "Français", 2, 2, "fr_FR", "EUR", "Europe/Paris")),
                STOREFRONT_URL);
    }

    static List<ProductRecord> products() {
        List<ProductRecord> out = new ArrayList<>();
        LocalDateTime created = LocalDateTime.of(2025, 1, 15, 9, 0, 0);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        for (int n = 1; n <= 50; n++) {
            String[] item = ITEMS[(n - 1) / COLOURS.length];
            String[] colour = COLOURS[(n - 1) % COLOURS.length];
            String sku = String.format("OS-%04d", n);
            String urlKey = (item[0] + "-" + colour[0]).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                    + "-" + n;
            ProductRecord p = new ProductRecord(n, sku, created.plusHours(n).format(format),
                    new BigDecimal(item[4]), urlKey);
            p.names.put(0, item[0] + " - " + colour[0]);
            p.names.put(2, item[1] + " - " + colour[1]);
            p.names.put(3, item[2] + " - " + colour[2]);
            BigDecimal usd = new BigDecimal(item[3]).add(BigDecimal.valueOf((n - 1) % COLOURS.length));
            p.prices.put(0, usd);
            p.statuses.put(0, n == 50 ? 2 : 1);
            p.websiteIds.add(1);
            if (n < 46) {
                p.websiteIds.add(2);
                p.prices.put(2, usd.multiply(new BigDecimal("0.92")).setScale(0, RoundingMode.HALF_UP)
                        .subtract(new BigDecimal("0.10")));
            }
            out.add(p);
        }
        return out;
    }

    static InventoryBook inventory() {
        InventoryBook inv = new InventoryBook();
        inv.sources.add(new InventoryBook.Source("us_warehouse", "US Warehouse", "US", "78701", "Austin",
                "500 Congress Ave", "+1 512 555 0199"));
        inv.sources.add(new InventoryBook.Source("eu_warehouse", "EU Warehouse", "DE", "10115", "Berlin",
                "Invalidenstraße 10", "+49 30 5550199"));
        inv.stocks.add(new InventoryBook.Stock(1, "Default Stock", "base"));
        inv.stocks.add(new InventoryBook.Stock(2, "EU Stock", "eu"));
        inv.links.add(new InventoryBook.Link(1, "us_warehouse", 1));
        inv.links.add(new InventoryBook.Link(2, "eu_warehouse", 1));
        SplittableRandom random = new SplittableRandom(20250115L);
        String seedTime = "2025-01-15 09:00:00";
        for (int n = 1; n <= 50; n++) {
            String sku = String.format("OS-%04d", n);
            for (InventoryBook.Source source : inv.sources) {
                int qty = n % 9 == 0 ? 0 : random.nextInt(1, 101);
                inv.save(sku, source.code(), BigDecimal.valueOf(qty), qty > 0 ? 1 : 0, seedTime);
            }
        }
        // the Berlin shop: a POS location selling from its own source, which also feeds the EU stock
        inv.sources.add(new InventoryBook.Source("berlin_store", "Berlin Store", "DE", "10178", "Berlin",
                "Alexanderplatz 1", "+49 30 5550100"));
        inv.links.add(new InventoryBook.Link(2, "berlin_store", 2));
        SplittableRandom shop = new SplittableRandom(20250116L);
        for (int n = 1; n <= 45; n++) {
            int qty = shop.nextInt(0, 13);
            inv.save(String.format("OS-%04d", n), "berlin_store", BigDecimal.valueOf(qty), qty > 0 ? 1 : 0, seedTime);
        }
        // where omnisync stages inbound stock (ERP goods receipts) before transferring it: linked to no stock, so
        // nothing in it is ever salable; its source items are created by omnisync when it needs them
        inv.sources.add(new InventoryBook.Source("omnisync_inbound", "omnisync inbound (staging, no stock)", "DE", "10115",
                "Berlin", "-", ""));
        return inv;
    }

    /** A deterministic guest customer for the n-th order, from the store view's country. */
    static OrderRecord.Customer customer(int n, StoreTopology.StoreView view) {
        int offset = view.websiteId() == 2 ? (view.locale().startsWith("de") ? 2 : 4) : 0;
        String[] c = CUSTOMERS[offset + n % 2];
        String local = (c[0] + "." + c[1]).toLowerCase(Locale.ROOT).replace("é", "e").replace("ü", "ue");
        return new OrderRecord.Customer(c[0], c[1], local + n + "@example.com", n + " Market Street", c[2], c[3],
                c[4], PHONE_PREFIX.get(c[4]) + String.format("%04d", n % 10000));
    }
}
