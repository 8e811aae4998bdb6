package io.omnisync.connector.ebay;

import java.util.Map;

/** Facts about eBay marketplaces the connector needs: the language listings are written in and their currency. */
public final class EbayMarketplaces {

    private static final Map<String, String[]> KNOWN = Map.ofEntries(
            Map.entry("EBAY_US", new String[] {"en-US", "USD"}), Map.entry("EBAY_MOTORS_US", new String[] {"en-US", "USD"}),
            Map.entry("EBAY_CA", new String[] {"en-CA", "CAD"}), Map.entry("EBAY_GB", new String[] {"en-GB", "GBP"}),
            Map.entry("EBAY_AU", new String[] {"en-AU", "AUD"}), Map.entry("EBAY_DE", new String[] {"de-DE", "EUR"}),
            Map.entry("EBAY_AT", new String[] {"de-AT", "EUR"}), Map.entry("EBAY_CH", new String[] {"de-CH", "CHF"}),
            Map.entry("EBAY_FR", new String[] {"fr-FR", "EUR"}), Map.entry("EBAY_IT", new String[] {"it-IT", "EUR"}),
            Map.entry("EBAY_ES", new String[] {"es-ES", "EUR"}), Map.entry("EBAY_NL", new String[] {"nl-NL", "EUR"}),
            Map.entry("EBAY_IE", new String[] {"en-IE", "EUR"}), Map.entry("EBAY_PL", new String[] {"pl-PL", "PLN"}),
            Map.entry("EBAY_BE", new String[] {"nl-BE", "EUR"}));

    private EbayMarketplaces() {
    }

    /** The Content-Language header for listing content of a marketplace, e.g. de-DE for EBAY_DE. */
    public static String contentLanguage(String marketplaceId) {
        return facts(marketplaceId)[0];
    }

    /** The currency prices are listed in on a marketplace, e.g. EUR for EBAY_DE. */
    public static String currency(String marketplaceId) {
        return facts(marketplaceId)[1];
    }

    private static String[] facts(String marketplaceId) {
        String[] facts = KNOWN.get(marketplaceId);
        if (facts == null) {
            throw new IllegalArgumentException("unknown eBay marketplace " + marketplaceId + "; known: "
                    + KNOWN.keySet().stream().sorted().toList());
        }
        return facts;
    }
}
