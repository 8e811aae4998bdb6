package io.omnisync.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Masks personal data (emails, phone numbers) in text that is logged or kept for operators. */
public final class PersonalData {

    /** An email address (the groups keep its first character and domain for masking). */
    static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w.])\\+?\\d[\\d ()/-]{7,}\\d(?![\\w.])");

    private static final Pattern ORDER_ID = Pattern.compile("\\d{2,3}-\\d{5,7}-\\d{5,7}");

    /** Keys (lower case, without _ and -) whose values identify a person wherever they appear. */
    private static final Set<String> PERSON_KEYS = Set.of("firstname", "lastname", "middlename", "fullname", "buyername",
            "recipient", "street", "streetaddress", "addressline", "addressline1", "addressline2", "addressline3",
            "city", "postcode", "postalcode", "zip", "zipcode", "phone", "phonenumber", "telephone", "email",
            "customeremail", "buyeremail", "emailaddress");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PersonalData() {
    }

    /**
     * Masks a JSON document for storage where operators read it (dead letters): values of person keys (names,
     * street, city, postcode, phone, email; and {@code name} inside an address) become {@code ***}, and emails and
     * phone numbers anywhere else are masked as by {@link #mask}. Text that is not JSON is masked by {@link #mask}.
     */
    public static String maskJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isContainerNode()) {
                return mask(json);
            }
            maskNode(root, false);
            return mask(JSON.writeValueAsString(root));
        } catch (IOException notJson) {
            return mask(json);
        }
    }

    private static void maskNode(JsonNode node, boolean inAddress) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> masked = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
                boolean person = PERSON_KEYS.contains(key) || (inAddress && key.equals("name"));
                if (person && (field.getValue().isValueNode() || field.getValue().isArray())) {
                    masked.add(field.getKey());
                } else {
                    maskNode(field.getValue(), inAddress || key.contains("address"));
                }
            }
            // an email keeps its first letter and domain (j***@example.com), which is what an operator needs
            masked.forEach(key -> object.put(key, key.toLowerCase(Locale.ROOT).contains("email")
                    ? mask(object.get(key).asText()) : "***"));
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> maskNode(element, inAddress));
        }
    }

    /** {@code jane.doe@example.com} becomes {@code j***@example.com}; phone numbers become {@code ***phone***}. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = EMAIL.matcher(text).replaceAll("$1***@$2");
        // Amazon (113-1234567-1234567) and eBay (12-12345-12345) order ids look like phone numbers but are what an
        // operator needs to find an order, so they stay
        return PHONE.matcher(masked).replaceAll(m -> ORDER_ID.matcher(m.group()).matches()
                ? java.util.regex.Matcher.quoteReplacement(m.group()) : "***phone***");
    }
}
