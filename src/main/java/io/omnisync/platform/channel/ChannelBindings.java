package io.omnisync.platform.channel;

import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Look-ups of the configured channel bindings, and the quantity a binding shows for a salable quantity. */
@Component
public class ChannelBindings {

    private final List<ChannelProperties.Binding> bindings;

    public ChannelBindings(ChannelProperties properties) {
        this.bindings = List.copyOf(properties.getBindings());
    }

    public List<ChannelProperties.Binding> all() {
        return bindings;
    }

    public List<ChannelProperties.Binding> of(String channel) {
        return bindings.stream().filter(b -> b.getChannel().equals(channel)).toList();
    }

    public Optional<ChannelProperties.Binding> find(String channel, String account) {
        return bindings.stream().filter(b -> b.getChannel().equals(channel) && b.getAccount().equals(account)).findFirst();
    }

    /** The binding, or a MISSING failure naming the configuration to add. */
    public ChannelProperties.Binding require(String channel, String account) {
        return find(channel, account).orElseThrow(() -> new IntegrationException(ErrorClass.MISSING, "no channel "
                + "binding for " + channel + " account '" + account + "': add one to omnisync.channels.bindings "
                + "(channel, account, website, store-view, currency)"));
    }

    /**
     * What the channel may show of a salable quantity: the allocated share (or fixed units), minus the safety
     * buffer, capped at max-quantity, never negative; zero for an excluded SKU.
     */
    public static BigDecimal shown(ChannelProperties.Binding binding, String sku, BigDecimal salable) {
        if (binding.getExcludedSkus().contains(sku) || salable.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal allocated = binding.getAllocationFixed() != null
                ? salable.min(BigDecimal.valueOf(binding.getAllocationFixed()))
                : salable.multiply(BigDecimal.valueOf(binding.getAllocationPercent()))
                        .divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR);
        BigDecimal shown = allocated.subtract(BigDecimal.valueOf(binding.getSafetyBuffer())).max(BigDecimal.ZERO);
        if (binding.getMaxQuantity() != null) {
            shown = shown.min(BigDecimal.valueOf(binding.getMaxQuantity()));
        }
        return shown.setScale(0, RoundingMode.FLOOR);
    }
}
