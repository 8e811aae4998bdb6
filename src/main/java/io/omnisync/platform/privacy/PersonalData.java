package io.omnisync.platform.privacy;

import java.util.regex.Pattern;

/** Masks personal data (emails, phone numbers) in text that is logged or kept for operators. */
public final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w.])\\+?\\d[\\d ()/-]{7,}\\d(?![\\w.])");

    private PersonalData() {
    }

    /** {@code jane.doe@example.com} becomes {@code j***@example.com}; phone numbers become {@code ***phone***}. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = EMAIL.matcher(text).replaceAll("$1***@$2");
        return PHONE.matcher(masked).replaceAll("***phone***");
    }
}
