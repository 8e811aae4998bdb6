package io.omnisync.sandbox.amazon;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The Amazon fake of the sandbox, {@code omnisync.sandbox.amazon.*}. */
@Validated
@ConfigurationProperties("omnisync.sandbox.amazon")
public class AmazonSandboxProperties {

    /** Loopback port of the Amazon fake; picked free at start-up unless set. */
    @Min(value = 1, message = "must be a TCP port between 1 and 65535")
    @Max(value = 65535, message = "must be a TCP port between 1 and 65535")
    private int port = 18090;

    /** LWA client id the Amazon fake accepts; generated at start-up. */
    private String clientId;

    /** LWA client secret the Amazon fake accepts; generated at start-up. */
    private String clientSecret;

    /** LWA refresh token the Amazon fake accepts; generated at start-up. */
    private String refreshToken;

    /** Time between two demo orders placed in the Amazon fake (when the demo is enabled). */
    @NotNull
    @DurationMin(millis = 100, message = "must be at least 100ms, e.g. 20s")
    private Duration orderInterval = Duration.ofSeconds(20);

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public Duration getOrderInterval() {
        return orderInterval;
    }

    public void setOrderInterval(Duration orderInterval) {
        this.orderInterval = orderInterval;
    }
}
