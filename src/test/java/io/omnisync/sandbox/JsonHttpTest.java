package io.omnisync.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonHttpTest {

    @Test
    void serialisesLikePhpJsonEncodeWithEscapedSlashesAndUnicode() {
        Map<String, Object> value = Map.of("url", "http://x/y", "name", "Écharpe grün");

        String json = new String(JsonHttp.phpJson(value), StandardCharsets.US_ASCII);

        assertThat(json).contains("\"http:\\/\\/x\\/y\"").contains("\\u00c9charpe gr\\u00fcn");
    }

    @Test
    void parsesBracketedQueryParametersDecoded() {
        Map<String, List<String>> q = JsonHttp.parseQuery(
                "searchCriteria%5BpageSize%5D=5&searchCriteria[filterGroups][0][filters][0][value]=a%25b&x");

        assertThat(q).containsEntry("searchCriteria[pageSize]", List.of("5"))
                .containsEntry("searchCriteria[filterGroups][0][filters][0][value]", List.of("a%b"))
                .containsEntry("x", List.of(""));
    }
}
