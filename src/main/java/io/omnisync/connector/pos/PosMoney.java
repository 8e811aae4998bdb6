package io.omnisync.connector.pos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Square's {@code Money}: an integer {@code amount} in the currency's smallest unit (cents for EUR, yen for JPY) and a currency. */
public final class PosMoney {

    private PosMoney() {
    }

    /** The amount as a decimal in the currency's major unit, e.g. {@code {"amount": 1999, "currency": "EUR"}} is 19.99. */
    public static BigDecimal toDecimal(JsonNode money) {
        if (money == null || !money.has("amount")) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(money.path("amount").asLong()).movePointLeft(digits(money.path("currency").asText()));
    }

    /** A Money object for a decimal amount, rounded half-up to the currency's smallest unit. */
    public static ObjectNode of(BigDecimal amount, String currency) {
        long minor = amount.setScale(digits(currency), RoundingMode.HALF_UP).movePointRight(digits(currency)).longValueExact();
        return JsonNodeFactory.instance.objectNode().put("amount", minor).put("currency", currency);
    }

    private static int digits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return 2;
        }
    }
}
