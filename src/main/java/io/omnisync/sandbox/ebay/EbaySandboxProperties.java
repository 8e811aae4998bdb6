package io.omnisync.sandbox.ebay;

import java.time.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The eBay fake of the sandbox, {@code omnisync.sandbox.ebay.*}; its credentials are generated at start-up. */
@Validated
@ConfigurationProperties("omnisync.sandbox.ebay")
public class EbaySandboxProperties {

    /** Loopback port of the eBay fake; picked free at start-up unless set. */
    @Min(value = 1, message = "must be a TCP port between 1 and 65535")
    @Max(value = 65535, message = "must be a TCP port between 1 and 65535")
    private int port = 18081;

    /** Client id (App ID) the eBay fake accepts; generated at start-up. */
    private String clientId;

    /** Client secret the eBay fake accepts; generated at start-up. */
    private String clientSecret;

    /** Seller refresh token the eBay fake accepts; generated at start-up. */
    private String refreshToken;

    /** Calls per API and minute the eBay fake answers before it says 429. */
    @Min(value = 0, message = "must be 0 (no quota) or more, e.g. 600")
    private int callsPerMinute = 600;

    /** Time between two demo orders placed in the eBay fake (when the demo is enabled). */
    private Duration orderInterval = Duration.ofSeconds(30);

    public Duration getOrderInterval() {
        return orderInterval;
    }

    public void setOrderInterval(Duration orderInterval) {
        this.orderInterval = orderInterval;
    }

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

    public int getCallsPerMinute() {
        return callsPerMinute;
    }

    public void setCallsPerMinute(int callsPerMinute) {
        this.callsPerMinute = callsPerMinute;
    }
}
