package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Customers: find by email within a website, create. */
public class MagentoCustomers {

    private final MagentoClient client;

    public MagentoCustomers(MagentoClient client) {
        this.client = client;
    }

    /** The customer account with this email in the website (accounts are per website by default). */
    public Optional<JsonNode> findByEmail(String email, int websiteId) {
        return MagentoSearch.of("/V1/customers/search").where("email", "eq", email)
                .where("website_id", "eq", String.valueOf(websiteId)).sortedBy("entity_id")
                .stream(client, "all", 10)
                .filter(c -> email.equalsIgnoreCase(c.path("email").asText()))
                .findFirst();
    }

    /** Creates an account without a password (the customer can set one through "forgot password"). */
    public JsonNode create(String email, String firstname, String lastname, int websiteId) {
        ObjectNode body = client.mapper().createObjectNode();
        body.putObject("customer").put("email", email).put("firstname", firstname).put("lastname", lastname)
                .put("website_id", websiteId);
        return client.post("all", "/V1/customers", body);
    }
}
