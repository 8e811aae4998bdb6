package io.omnisync.sandbox.magento;

import java.nio.file.Path;

/**
 * Settings of a {@link MagentoFake}.
 *
 * @param port               TCP port on 127.0.0.1; 0 picks a free one
 * @param accessToken        bearer token every request must carry; {@code null} disables the auth check
 * @param inputLimitsEnabled Magento 2.4.3+ web API input limits ({@code webapi/validation/input_limit_enabled})
 * @param complexArrayLimit  maximum items of an array input ({@code webapi/validation/complex_array_limit})
 * @param maximumPageSize    maximum searchCriteria pageSize ({@code webapi/validation/maximum_page_size})
 * @param contractFile       Swagger file requests are checked against; {@code null} uses the classpath copy
 * @param oauth              integration credentials whose OAuth 1.0a signature every request must carry;
 *                           {@code null} for none (then {@code accessToken} decides)
 * @param admin              an admin user who gets 4-hour tokens from POST /V1/integration/admin/token; those tokens
 *                           are then accepted as Bearer; {@code null} for none
 */
public record MagentoFakeOptions(int port, String accessToken, boolean inputLimitsEnabled, int complexArrayLimit,
                                 int maximumPageSize, Path contractFile, OAuth oauth, Admin admin) {

    /** An admin user; tokens expire after {@code tokenLifetime} (Magento: 4 hours). */
    public record Admin(String username, String password, java.time.Duration tokenLifetime) {
    }

    /** An integration's OAuth 1.0a credentials, as Magento shows them when the integration is activated. */
    public record OAuth(String consumerKey, String consumerSecret, String token, String tokenSecret) {
    }

    /** Default page size Magento applies when input limits are on and no pageSize is given. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    public static MagentoFakeOptions defaults() {
        return new MagentoFakeOptions(0, null, true, 20, 300, null, null, null);
    }

    public MagentoFakeOptions withPort(int newPort) {
        return new MagentoFakeOptions(newPort, accessToken, inputLimitsEnabled, complexArrayLimit, maximumPageSize,
                contractFile, oauth, admin);
    }

    public MagentoFakeOptions withAccessToken(String token) {
        return new MagentoFakeOptions(port, token, inputLimitsEnabled, complexArrayLimit, maximumPageSize,
                contractFile, oauth, admin);
    }

    public MagentoFakeOptions withInputLimitsEnabled(boolean enabled) {
        return new MagentoFakeOptions(port, accessToken, enabled, complexArrayLimit, maximumPageSize, contractFile, oauth, admin);
    }

    public MagentoFakeOptions withComplexArrayLimit(int limit) {
        return new MagentoFakeOptions(port, accessToken, inputLimitsEnabled, limit, maximumPageSize, contractFile, oauth, admin);
    }

    public MagentoFakeOptions withMaximumPageSize(int max) {
        return new MagentoFakeOptions(port, accessToken, inputLimitsEnabled, complexArrayLimit, max, contractFile, oauth, admin);
    }

    public MagentoFakeOptions withContractFile(Path file) {
        return new MagentoFakeOptions(port, accessToken, inputLimitsEnabled, complexArrayLimit, maximumPageSize,
                file, oauth, admin);
    }

    /** Requires requests signed with these integration credentials (OAuth 1.0a, HMAC-SHA256). */
    public MagentoFakeOptions withOAuth(OAuth credentials) {
        return new MagentoFakeOptions(port, accessToken, inputLimitsEnabled, complexArrayLimit, maximumPageSize,
                contractFile, credentials, admin);
    }

    /** Lets this admin user obtain tokens and use them as Bearer. */
    public MagentoFakeOptions withAdmin(Admin user) {
        return new MagentoFakeOptions(port, accessToken, inputLimitsEnabled, complexArrayLimit, maximumPageSize,
                contractFile, oauth, user);
    }
}
