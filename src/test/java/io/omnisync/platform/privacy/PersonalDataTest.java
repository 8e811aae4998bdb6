package io.omnisync.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void shouldMaskPersonFieldsOfAnOrderButKeepWhatAnOperatorNeeds() {
        String order = """
                {"type":"OrderPlaced","channel":"amazon","channelOrderId":"302-1","customerEmail":"lena.schmidt@example.de",
                 "lines":[{"sku":"OS-0012","quantity":2}],
                 "shippingAddress":{"firstname":"Lena","lastname":"Schmidt","street":["Hauptstraße 5"],"city":"Berlin",
                   "postcode":"10115","countryCode":"DE","phone":"+49 30 1234567"},
                 "ShippingAddress":{"Name":"Lena Schmidt","AddressLine1":"Hauptstraße 5"},
                 "note":"call +49 30 7654321 or write to l.s@example.org"}""";

        String masked = PersonalData.maskJson(order);

        assertThat(masked).doesNotContain("Lena", "Schmidt", "Hauptstraße", "Berlin", "10115", "1234567", "7654321",
                "lena.schmidt@", "l.s@");
        assertThat(masked).contains("\"sku\":\"OS-0012\"", "\"channelOrderId\":\"302-1\"", "\"countryCode\":\"DE\"",
                "@example.org");
    }

    @Test
    void shouldMaskTextThatIsNotJsonLikeALogLine() {
        assertThat(PersonalData.maskJson("refused for jane.doe@example.com")).isEqualTo("refused for j***@example.com");
        assertThat(PersonalData.maskJson(null)).isNull();
    }

    @Test
    void shouldKeepMarketplaceOrderIdsThatLookLikePhoneNumbers() {
        assertThat(PersonalData.mask("amazon order 302-1000006-7000042, ebay order 12-10002-20002, call +49 30 1234567"))
                .isEqualTo("amazon order 302-1000006-7000042, ebay order 12-10002-20002, call ***phone***");
    }
}
