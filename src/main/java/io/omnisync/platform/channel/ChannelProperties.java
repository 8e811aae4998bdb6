package io.omnisync.platform.channel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * {@code omnisync.channels.*}: which part of Magento each channel account mirrors. Magento's salable quantity of
 * the website's stock (or the POS location's MSI source) and the store view's prices are the truth a channel shows;
 * orders taken on the channel are placed in that store view.
 */
@Validated
@ConfigurationProperties("omnisync.channels")
public class ChannelProperties implements Validator {

    /** One entry per channel account (Amazon marketplace, eBay marketplace, POS location): see README, "Channel bindings". */
    @Valid
    private List<Binding> bindings = new ArrayList<>();

    /** How channel orders are polled. */
    @Valid
    private final OrderPolling orderPolling = new OrderPolling();

    /** Channel carrier code per Magento carrier code and channel, e.g. carriers.amazon.dhl=DHL; unlisted ones use built-in defaults. */
    private java.util.Map<String, java.util.Map<String, String>> carriers = new java.util.HashMap<>();

    public java.util.Map<String, java.util.Map<String, String>> getCarriers() {
        return carriers;
    }

    public void setCarriers(java.util.Map<String, java.util.Map<String, String>> carriers) {
        this.carriers = carriers;
    }

    /** How Magento's stock and prices are pushed to the channels. */
    @Valid
    private final Fanout fanout = new Fanout();

    public Fanout getFanout() {
        return fanout;
    }

    public OrderPolling getOrderPolling() {
        return orderPolling;
    }

    public List<Binding> getBindings() {
        return bindings;
    }

    public void setBindings(List<Binding> bindings) {
        this.bindings = bindings;
    }

    @Override
    public boolean supports(Class<?> type) {
        return ChannelProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        Set<String> seen = new HashSet<>();
        List<Binding> all = ((ChannelProperties) target).bindings;
        for (int i = 0; i < all.size(); i++) {
            Binding b = all.get(i);
            String field = "bindings[" + i + "]";
            if (b.channel != null && b.account != null && !seen.add(b.channel + "/" + b.account)) {
                errors.rejectValue(field + ".account", "duplicate", "binds " + b.channel + " account " + b.account
                        + " a second time: each channel account mirrors exactly one store view");
            }
            if ("pos".equals(b.channel) && (b.source == null || b.source.isBlank())) {
                errors.rejectValue(field + ".source", "required", "must name the MSI source a POS location sells "
                        + "from, e.g. us_warehouse");
            }
        }
    }

    /** One channel account and the Magento scope it mirrors. */
    public static class Binding {

        /** The channel: amazon, ebay or pos. */
        @NotBlank(message = "must be amazon, ebay or pos")
        @Pattern(regexp = "amazon|ebay|pos", message = "must be amazon, ebay or pos")
        private String channel;

        /** The account on the channel: an Amazon marketplace id, an eBay marketplace (EBAY_DE), a POS location id. */
        @NotBlank(message = "must name the channel account, e.g. ATVPDKIKX0DER, EBAY_DE or a POS location id")
        private String account;

        /** Magento website code whose stock the channel shows. */
        @NotBlank(message = "must be a Magento website code, e.g. base")
        private String website;

        /** Magento store view code whose prices the channel shows and in which its orders are placed. */
        @NotBlank(message = "must be a Magento store view code, e.g. default")
        private String storeView;

        /** Currency of the channel's prices and orders (ISO 4217), the store view's base currency. */
        @NotBlank(message = "must be an ISO 4217 currency such as EUR")
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency such as EUR")
        private String currency;

        /** MSI source a POS location sells from (pos only). */
        private String source;

        /** Units held back from the channel: it shows salable quantity minus this. */
        @Min(value = 0, message = "must not be negative")
        private int safetyBuffer;

        /** Most units ever shown on the channel; empty means no cap. */
        @Min(value = 0, message = "must not be negative")
        private Integer maxQuantity;

        /** Share of salable quantity offered on the channel, in percent. */
        @Min(value = 0, message = "must be 0 to 100")
        @Max(value = 100, message = "must be 0 to 100")
        private int allocationPercent = 100;

        /** A fixed number of units offered instead of a share; wins over allocation-percent when set. */
        @Min(value = 0, message = "must not be negative")
        private Integer allocationFixed;

        /** SKUs never listed or updated on this channel account. */
        private List<String> excludedSkus = new ArrayList<>();

        public String getChannel() {
            return channel;
        }

        public void setChannel(String channel) {
            this.channel = channel;
        }

        public String getAccount() {
            return account;
        }

        public void setAccount(String account) {
            this.account = account;
        }

        public String getWebsite() {
            return website;
        }

        public void setWebsite(String website) {
            this.website = website;
        }

        public String getStoreView() {
            return storeView;
        }

        public void setStoreView(String storeView) {
            this.storeView = storeView;
        }

        public String getCurrency() {
            return currency;
        }

        public void setCurrency(String currency) {
            this.currency = currency;
        }

        public String getSource() {
            return source;
        }

        public void setSource(String source) {
            this.source = source;
        }

        public int getSafetyBuffer() {
            return safetyBuffer;
        }

        public void setSafetyBuffer(int safetyBuffer) {
            this.safetyBuffer = safetyBuffer;
        }

        public Integer getMaxQuantity() {
            return maxQuantity;
        }

        public void setMaxQuantity(Integer maxQuantity) {
            this.maxQuantity = maxQuantity;
        }

        public int getAllocationPercent() {
            return allocationPercent;
        }

        public void setAllocationPercent(int allocationPercent) {
            this.allocationPercent = allocationPercent;
        }

        public Integer getAllocationFixed() {
            return allocationFixed;
        }

        public void setAllocationFixed(Integer allocationFixed) {
            this.allocationFixed = allocationFixed;
        }

        public List<String> getExcludedSkus() {
            return excludedSkus;
        }

        public void setExcludedSkus(List<String> excludedSkus) {
            this.excludedSkus = excludedSkus;
        }
    }

    /** {@code omnisync.channels.order-polling.*}. */
    public static class OrderPolling {

        /** Time between two polls of a channel's orders. */
        @NotNull
        @DurationMin(seconds = 5, message = "must be at least 5s, e.g. 2m")
        private Duration interval = Duration.ofMinutes(2);

        /** How far before the last seen change each poll starts again, for orders the channel indexes late. */
        @NotNull
        private Duration overlap = Duration.ofMinutes(5);

        /** How far back the very first poll of a channel looks. */
        @NotNull
        private Duration initialLookback = Duration.ofDays(1);

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getOverlap() {
            return overlap;
        }

        public void setOverlap(Duration overlap) {
            this.overlap = overlap;
        }

        public Duration getInitialLookback() {
            return initialLookback;
        }

        public void setInitialLookback(Duration initialLookback) {
            this.initialLookback = initialLookback;
        }
    }

    /** {@code omnisync.channels.fanout.*}. */
    public static class Fanout {

        /** How long a changed SKU waits for more changes before its latest value is pushed (coalescing window). */
        @NotNull
        @DurationMin(millis = 0, message = "must not be negative, e.g. 1s")
        private Duration window = Duration.ofSeconds(1);

        /**
         * How often the flush pushes what is due; at the window's length every SKU changed in one window goes out in the
         * same bulk calls, shorter gives lower latency at the cost of more, smaller calls.
         */
        @NotNull
        @DurationMin(millis = 10, message = "must be at least 10ms, e.g. 250ms")
        private Duration flushInterval = Duration.ofMillis(250);

        /** Whether the fan-out of stock and prices to the channels runs. */
        private boolean enabled = true;

        /**
         * Low-stock guard: a quantity at or below this is pushed only after reading what the channel shows, and never
         * above it unless Magento's quantity rose (the channel's own sales may not have reached Magento yet); 0 turns
         * the guard off.
         */
        @jakarta.validation.constraints.Min(value = 0, message = "must not be negative, e.g. 10 (0 turns the guard off)")
        private int readBeforeWriteBelow = 10;

        public int getReadBeforeWriteBelow() {
            return readBeforeWriteBelow;
        }

        public void setReadBeforeWriteBelow(int readBeforeWriteBelow) {
            this.readBeforeWriteBelow = readBeforeWriteBelow;
        }

        public Duration getFlushInterval() {
            return flushInterval;
        }

        public void setFlushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
