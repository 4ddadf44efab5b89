package io.github.privatenumber.simulator.internal;

import java.util.regex.Pattern;

/** The platform's number formats (SPEC section 1). */
public final class PhoneNumbers {

    /** {@code +86} then a mobile number (11 digits, {@code 1[3-9]…}) or a fixed line (area code without 0, 7–8 digits). */
    private static final Pattern GLOBAL = Pattern.compile("\\+86[1-9][0-9]{8,10}");
    private static final Pattern MOBILE = Pattern.compile("\\+861[3-9][0-9]{9}");
    private static final Pattern AREA_CODE = Pattern.compile("0[1-9][0-9]{1,2}");

    /** The example shown in error descriptions; not anyone's number. */
    public static final String EXAMPLE = "+8613800000001";

    private PhoneNumbers() {
    }

    /**
     * @param value a candidate number
     * @return whether it is a Chinese number in global format
     */
    public static boolean isGlobal(String value) {
        return value != null && GLOBAL.matcher(value).matches();
    }

    /**
     * @param value a number in global format
     * @return whether it is a mobile number (a fixed line can only receive calls)
     */
    public static boolean isMobile(String value) {
        return value != null && MOBILE.matcher(value).matches();
    }

    /**
     * @param value a candidate area code
     * @return whether it looks like a Chinese city code such as {@code 0755} or {@code 010}
     */
    public static boolean isAreaCode(String value) {
        return value != null && AREA_CODE.matcher(value).matches();
    }
}
