package io.omnisync.platform.event;

import java.util.List;

/**
 * A delivery or billing address as a channel reported it. Personal data: kept in the journal for the import,
 * masked in logs and dead letters ({@link io.omnisync.platform.privacy.PersonalData}).
 */
public record PostalAddress(String firstname, String lastname, List<String> street, String city, String region,
                            String postcode, String countryCode, String phone) {

    public PostalAddress {
        Require.text(lastname, "PostalAddress", "lastname");
        street = List.copyOf(Require.notEmpty(street, "PostalAddress", "street"));
        Require.text(city, "PostalAddress", "city");
        Require.text(countryCode, "PostalAddress", "countryCode");
    }
}
