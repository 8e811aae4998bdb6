package io.omnisync.sandbox.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.ebay.EbayRoutes.Reply;
import io.omnisync.sandbox.ebay.EbayRoutes.Request;
import java.math.BigDecimal;

/**
 * {@code POST /bulk_update_price_quantity}: at most 25 requests; one response per SKU quantity and per offer, each
 * with its own statusCode; 200 when all succeeded, 207 otherwise. Valid parts are applied even when others fail.
 */
final class EbayPriceQuantityUpdate {

    private static final String DOMAIN = EbayInventoryApi.DOMAIN;

    private final EbayListings listings;

    EbayPriceQuantityUpdate(EbayListings listings) {
        this.listings = listings;
    }

    Reply handle(Request r) {
        JsonNode requests = r.body().path("requests");
        EbayInventoryApi.requireBulkSize(requests);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode responses = answer.putArray("responses");
        for (JsonNode request : requests) {
            update(request, responses);
        }
        boolean allOk = true;
        for (JsonNode response : responses) {
            allOk &= response.path("statusCode").asInt() == 200;
        }
        return Reply.of(allOk ? 200 : 207, answer);
    }

    private void update(JsonNode request, ArrayNode responses) {
        String sku = request.path("sku").asText("");
        if (listings.quantity(sku) < 0) {
            fail(responses.addObject().put("sku", sku), 404, 25702, "SKU " + sku + " is not available in the system",
                    "sku", sku);
            return;
        }
        if (request.has("shipToLocationAvailability")) {
            int quantity = request.path("shipToLocationAvailability").path("quantity").asInt(-1);
            ObjectNode response = responses.addObject().put("sku", sku);
            if (quantity < 0) {
                fail(response, 400, 25709, "Invalid value for shipToLocationAvailability.quantity.", "quantity",
                        String.valueOf(quantity));
            } else {
                listings.setQuantity(sku, quantity);
                response.put("statusCode", 200);
            }
        }
        for (JsonNode offerUpdate : request.path("offers")) {
            updateOffer(sku, offerUpdate, responses.addObject().put("sku", sku)
                    .put("offerId", offerUpdate.path("offerId").asText()));
        }
    }

    private void updateOffer(String sku, JsonNode update, ObjectNode response) {
        String offerId = update.path("offerId").asText("");
        var offer = listings.offer(offerId).filter(o -> o.path("sku").asText().equals(sku));
        if (offer.isEmpty()) {
            fail(response, 404, 25713, "This Offer is not available.", "offerId", offerId);
            return;
        }
        JsonNode price = update.path("price");
        if (!price.isMissingNode()) {
            String currency = offer.get().at("/pricingSummary/price/currency").asText();
            BigDecimal value = decimal(price.path("value").asText(""));
            if (value == null || value.signum() <= 0) {
                fail(response, 400, 25709, "Invalid value for price.value.", "value", price.path("value").asText(""));
                return;
            }
            if (!currency.isEmpty() && !currency.equals(price.path("currency").asText())) {
                fail(response, 400, 25709, "Invalid value for price.currency. The marketplace's currency is " + currency
                        + ".", "currency", price.path("currency").asText(""));
                return;
            }
            listings.setOfferPrice(offerId, value);
        }
        if (update.has("availableQuantity")) {
            int quantity = update.path("availableQuantity").asInt(-1);
            if (quantity < 0) {
                fail(response, 400, 25709, "Invalid value for availableQuantity.", "availableQuantity",
                        update.path("availableQuantity").asText());
                return;
            }
            listings.setOfferQuantity(offerId, quantity);
        }
        response.put("statusCode", 200);
    }

    private static void fail(ObjectNode response, int status, int errorId, String message, String... parameters) {
        response.put("statusCode", status).putArray("errors")
                .add(EbayFakeError.error(errorId, DOMAIN, "REQUEST", message, null, parameters));
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
