package io.omnisync.connector.erp;

import io.omnisync.platform.config.Placeholders;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * The ERP's inbound stock, {@code omnisync.connector.erp.*}: goods receipts (and write-offs) posted to
 * {@code /webhooks/erp/goods-receipt}, signed with a shared secret over a timestamp and the raw body.
 */
@Validated
@ConfigurationProperties("omnisync.connector.erp")
public class ErpProperties implements Validator {

    private static final String PREFIX = "omnisync.connector.erp.";

    /** Whether ERP goods receipts are accepted. */
    private boolean enabled = false;

    /** Shared secrets the ERP signs with; several during a rotation; secrets, from the environment. */
    private List<String> webhookSecrets = new ArrayList<>();

    /** How far a delivery's signed timestamp may be from omnisync's clock, in either direction. */
    @NotNull
    @DurationMin(seconds = 30, message = "must be at least 30s, e.g. 5m")
    @DurationMax(hours = 1, message = "must be at most 1h, e.g. 5m")
    private Duration timestampTolerance = Duration.ofMinutes(5);

    @Override
    public boolean supports(Class<?> type) {
        return ErpProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        ErpProperties p = (ErpProperties) target;
        if (!p.enabled) {
            return;
        }
        if (p.webhookSecrets.isEmpty() || p.webhookSecrets.stream().anyMatch(s -> s == null || s.length() < 16)) {
            errors.rejectValue("webhookSecrets", "required", "must list the secret(s) the ERP signs goods receipts with, "
                    + "at least 16 characters each, when " + PREFIX + "enabled=true, from the environment, e.g. ${ERP_WEBHOOK_SECRET}");
        }
        p.webhookSecrets.forEach(secret -> Placeholders.rejectUnresolved(errors, "webhookSecrets", secret));
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getWebhookSecrets() {
        return webhookSecrets;
    }

    public void setWebhookSecrets(List<String> webhookSecrets) {
        this.webhookSecrets = webhookSecrets;
    }

    public Duration getTimestampTolerance() {
        return timestampTolerance;
    }

    public void setTimestampTolerance(Duration timestampTolerance) {
        this.timestampTolerance = timestampTolerance;
    }

    @Override
    public String toString() {
        return "ErpProperties[enabled=" + enabled + ", timestampTolerance=" + timestampTolerance + ", secrets=***]";
    }
}
