package io.omnisync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.omnisync.sandbox.JsonHttp;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.sandbox.magento.MagentoFakeOptions;
import io.omnisync.sandbox.pos.PosFake;
import io.omnisync.sandbox.pos.PosFakeOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The downstream systems of a crash or outage test in a JVM of their own, so that killing omnisync never kills the
 * sink that counts its effects: the Magento fake (OAuth credentials from the arguments) and the POS fake, plus a
 * loopback control port for the test ({@link FakeSystems} is its client):
 * <ul>
 *   <li>{@code GET /ready}: {@code {"status":"UP"}} once both fakes listen;</li>
 *   <li>{@code POST /pos/sales?count=n}: rings up n counter sales of one unit each at L-BERLIN; answers each order id
 *   with the {@code order.created} event the POS would deliver (not delivered: the test is the sender);</li>
 *   <li>{@code GET /magento/orders}: every Magento order (entity_id, increment_id, ext_order_id, quote_id) with its
 *   number of invoices and shipments;</li>
 *   <li>{@code POST /magento/maintenance?on=true|false}: Magento's maintenance mode (503 to every call).</li>
 * </ul>
 * Arguments: {@code key=value} for control-port, magento-port, pos-port, consumer-key, consumer-secret, access-token,
 * access-token-secret, pos-token.
 */
public final class FakeSystemsMain {

    /** SKUs the Berlin shop sells and Magento's EU website carries. */
    static final int SKUS = 45;

    private final MagentoFake magento;
    private final PosFake pos;
    private int nextSku;

    private FakeSystemsMain(MagentoFake magento, PosFake pos) {
        this.magento = magento;
        this.pos = pos;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        MagentoFake magento = MagentoFake.start(MagentoFakeOptions.defaults()
                .withPort(Integer.parseInt(options.get("magento-port")))
                .withOAuth(new MagentoFakeOptions.OAuth(options.get("consumer-key"), options.get("consumer-secret"),
                        options.get("access-token"), options.get("access-token-secret"))));
        PosFake pos = PosFake.start(PosFakeOptions.defaults().withPort(Integer.parseInt(options.get("pos-port")))
                .withAccessToken(options.get("pos-token")));
        // enough units everywhere that no sale of the run can be refused for stock
        for (int n = 1; n <= SKUS; n++) {
            String sku = String.format("OS-%04d", n);
            for (String source : List.of("berlin_store", "eu_warehouse")) {
                magento.store().saveSourceItem(sku, source, BigDecimal.valueOf(100_000), 1);
            }
        }
        FakeSystemsMain fakes = new FakeSystemsMain(magento, pos);
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(options.get("control-port"))), 0);
        control.setExecutor(Executors.newFixedThreadPool(2));
        control.createContext("/", fakes::handle);
        control.start();
        System.out.println("fakes: Magento on " + magento.baseUrl() + ", POS on " + pos.baseUrl() + ", control on port "
                + control.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, List<String>> query = JsonHttp.parseQuery(exchange.getRequestURI().getRawQuery());
            Object answer;
            switch (path) {
                case "/ready" -> answer = Map.of("status", "UP");
                case "/pos/sales" -> answer = sell(Integer.parseInt(query.get("count").get(0)));
                case "/magento/orders" -> answer = orders();
                case "/magento/maintenance" -> {
                    boolean on = Boolean.parseBoolean(query.get("on").get(0));
                    magento.maintenance(on);
                    answer = Map.of("maintenance", on);
                }
                default -> {
                    JsonHttp.send(exchange, 404, Map.of("error", "no control endpoint " + path));
                    return;
                }
            }
            JsonHttp.send(exchange, 200, answer);
        } catch (RuntimeException e) {
            JsonHttp.send(exchange, 500, Map.of("error", e.toString()));
        }
    }

    private synchronized ArrayNode sell(int count) {
        ArrayNode sales = JsonHttp.nodes().arrayNode();
        for (int i = 0; i < count; i++) {
            String sku = String.format("OS-%04d", 1 + nextSku++ % SKUS);
            ObjectNode order = pos.orders().sell("L-BERLIN", Map.of(sku, 1));
            String id = order.path("id").asText();
            JsonNode created = pos.webhooks().sent().stream()
                    .filter(e -> "order.created".equals(e.path("type").asText()) && id.equals(e.path("data").path("id").asText()))
                    .reduce((first, second) -> second).orElseThrow();
            sales.addObject().put("orderId", id).put("event", created.toString());
        }
        return sales;
    }

    private ArrayNode orders() {
        Map<Integer, Integer> invoices = perOrder("invoice");
        Map<Integer, Integer> shipments = perOrder("shipment");
        ArrayNode out = JsonHttp.nodes().arrayNode();
        for (ObjectNode order : magento.store().orders()) {
            int id = order.path("entity_id").asInt();
            out.addObject().put("entityId", id).put("incrementId", order.path("increment_id").asText())
                    .put("extOrderId", order.path("ext_order_id").isNull() ? null : order.path("ext_order_id").asText())
                    .put("quoteId", order.path("quote_id").asInt()).put("invoices", invoices.getOrDefault(id, 0))
                    .put("shipments", shipments.getOrDefault(id, 0));
        }
        return out;
    }

    private Map<Integer, Integer> perOrder(String kind) {
        Map<Integer, Integer> counts = new HashMap<>();
        magento.store().documents(kind).forEach(d -> counts.merge(d.path("order_id").asInt(), 1, Integer::sum));
        return counts;
    }
}
