package io.github.privatenumber.core.notification;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A hang-up code: the {@code stateCode} of a disconnect event and the {@code ulFailReason} of a CDR
 * (SPEC §11). An open type: the platform adds codes over time, so any int is a valid code; the documented
 * ones have constants, a {@link #category()} and a {@link #description()}, unknown ones are kept as
 * numbers. Immutable and thread-safe; equal when the numbers are equal.
 *
 * <p>SPEC §11 gives the tenant ({@code 7100}–{@code 7108}), platform-control ({@code 7001}–{@code 7005},
 * {@code 8042}–{@code 8057}) and platform-fault codes only as groups, so their constants carry the group's
 * description.
 *
 * @param code the code as the platform sent it
 */
public record HangupCode(int code) {

    /** What kind of cause a hang-up code names. */
    public enum Category {
        /** The call was answered and ended normally. */
        NORMAL,
        /** AXYB binding problems: no binding, Y allocation failed, a number dialled its own privacy number. */
        BINDING,
        /** The callee did not take the call: rejected, busy, no answer, unreachable, powered off … */
        CALLEE,
        /** The caller hung up before the call was answered. */
        CALLER,
        /** A problem with the tenant's (the app owner's) account or configuration. */
        TENANT,
        /** The platform stopped the call on purpose (a control rule). */
        PLATFORM_CONTROL,
        /** The platform failed. */
        PLATFORM_FAULT,
        /** Documented codes outside the groups above: invalid call, maximum duration reached. */
        OTHER,
        /** A code SPEC §11 does not list. */
        UNKNOWN
    }

    /** {@code 0}: normal release after answer (normal). */
    public static final HangupCode NORMAL_RELEASE = new HangupCode(0);
    /** {@code 8030}: binding does not exist (binding). */
    public static final HangupCode BINDING_NOT_FOUND = new HangupCode(8030);
    /** {@code 8031}: Y allocation failed during the call (binding). */
    public static final HangupCode Y_ALLOCATION_FAILED = new HangupCode(8031);
    /** {@code 8032}: a bound number dialled its own privacy number (binding). */
    public static final HangupCode DIALLED_OWN_PRIVACY_NUMBER = new HangupCode(8032);
    /** {@code 7503}: callee rejected the call (callee). */
    public static final HangupCode CALLEE_REJECTED = new HangupCode(7503);
    /** {@code 7504}: callee refused the call (callee). */
    public static final HangupCode CALLEE_REFUSED = new HangupCode(7504);
    /** {@code 8035}: platform timeout after transfer (callee). */
    public static final HangupCode CALLEE_TRANSFER_TIMEOUT = new HangupCode(8035);
    /** {@code 8100}: callee number does not exist (callee). */
    public static final HangupCode CALLEE_NUMBER_NOT_EXIST = new HangupCode(8100);
    /** {@code 8101}: callee did not answer (callee). */
    public static final HangupCode CALLEE_NO_ANSWER = new HangupCode(8101);
    /** {@code 8102}: callee busy (callee). */
    public static final HangupCode CALLEE_BUSY = new HangupCode(8102);
    /** {@code 8103}: callee unreachable (callee). */
    public static final HangupCode CALLEE_UNREACHABLE = new HangupCode(8103);
    /** {@code 8104}: callee powered off (callee). */
    public static final HangupCode CALLEE_POWERED_OFF = new HangupCode(8104);
    /** {@code 8105}: callee number suspended (callee). */
    public static final HangupCode CALLEE_SUSPENDED = new HangupCode(8105);
    /** {@code 7501}: caller hung up before ringing (caller). */
    public static final HangupCode CALLER_HUNG_UP_BEFORE_RINGING = new HangupCode(7501);
    /** {@code 7502}: caller hung up after ringing (caller). */
    public static final HangupCode CALLER_HUNG_UP_AFTER_RINGING = new HangupCode(7502);
    /** {@code 8010}: maximum call duration reached (other). */
    public static final HangupCode MAX_DURATION_REACHED = new HangupCode(8010);
    /** {@code 8014}: invalid call or no binding (other). */
    public static final HangupCode INVALID_CALL = new HangupCode(8014);
    /** {@code 7100}: tenant problem. */
    public static final HangupCode TENANT_7100 = new HangupCode(7100);
    /** {@code 7101}: tenant problem. */
    public static final HangupCode TENANT_7101 = new HangupCode(7101);
    /** {@code 7102}: tenant problem. */
    public static final HangupCode TENANT_7102 = new HangupCode(7102);
    /** {@code 7103}: tenant problem. */
    public static final HangupCode TENANT_7103 = new HangupCode(7103);
    /** {@code 7104}: tenant problem. */
    public static final HangupCode TENANT_7104 = new HangupCode(7104);
    /** {@code 7105}: tenant problem. */
    public static final HangupCode TENANT_7105 = new HangupCode(7105);
    /** {@code 7106}: tenant problem. */
    public static final HangupCode TENANT_7106 = new HangupCode(7106);
    /** {@code 7107}: tenant problem. */
    public static final HangupCode TENANT_7107 = new HangupCode(7107);
    /** {@code 7108}: tenant problem. */
    public static final HangupCode TENANT_7108 = new HangupCode(7108);
    /** {@code 7001}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_7001 = new HangupCode(7001);
    /** {@code 7002}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_7002 = new HangupCode(7002);
    /** {@code 7003}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_7003 = new HangupCode(7003);
    /** {@code 7004}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_7004 = new HangupCode(7004);
    /** {@code 7005}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_7005 = new HangupCode(7005);
    /** {@code 8042}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8042 = new HangupCode(8042);
    /** {@code 8043}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8043 = new HangupCode(8043);
    /** {@code 8044}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8044 = new HangupCode(8044);
    /** {@code 8045}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8045 = new HangupCode(8045);
    /** {@code 8046}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8046 = new HangupCode(8046);
    /** {@code 8047}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8047 = new HangupCode(8047);
    /** {@code 8048}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8048 = new HangupCode(8048);
    /** {@code 8049}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8049 = new HangupCode(8049);
    /** {@code 8050}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8050 = new HangupCode(8050);
    /** {@code 8051}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8051 = new HangupCode(8051);
    /** {@code 8052}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8052 = new HangupCode(8052);
    /** {@code 8053}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8053 = new HangupCode(8053);
    /** {@code 8054}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8054 = new HangupCode(8054);
    /** {@code 8055}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8055 = new HangupCode(8055);
    /** {@code 8056}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8056 = new HangupCode(8056);
    /** {@code 8057}: platform control. */
    public static final HangupCode PLATFORM_CONTROL_8057 = new HangupCode(8057);
    /** {@code 522}: platform fault. */
    public static final HangupCode PLATFORM_FAULT_522 = new HangupCode(522);
    /** {@code 8007}: platform fault. */
    public static final HangupCode PLATFORM_FAULT_8007 = new HangupCode(8007);
    /** {@code 8008}: platform fault. */
    public static final HangupCode PLATFORM_FAULT_8008 = new HangupCode(8008);
    /** {@code 8015}: platform fault. */
    public static final HangupCode PLATFORM_FAULT_8015 = new HangupCode(8015);
    /** {@code 8041}: platform fault. */
    public static final HangupCode PLATFORM_FAULT_8041 = new HangupCode(8041);

    private record Info(Category category, String description) {
    }

    private static final Map<Integer, Info> KNOWN = known();

    private static Map<Integer, Info> known() {
        Map<Integer, Info> known = new HashMap<>();
        known.put(0, new Info(Category.NORMAL, "normal release after answer"));
        known.put(8030, new Info(Category.BINDING, "binding does not exist"));
        known.put(8031, new Info(Category.BINDING, "Y allocation failed during the call"));
        known.put(8032, new Info(Category.BINDING, "a bound number dialled its own privacy number"));
        known.put(7503, new Info(Category.CALLEE, "callee rejected the call"));
        known.put(7504, new Info(Category.CALLEE, "callee refused the call"));
        known.put(8035, new Info(Category.CALLEE, "platform timeout after transfer"));
        known.put(8100, new Info(Category.CALLEE, "callee number does not exist"));
        known.put(8101, new Info(Category.CALLEE, "callee did not answer"));
        known.put(8102, new Info(Category.CALLEE, "callee busy"));
        known.put(8103, new Info(Category.CALLEE, "callee unreachable"));
        known.put(8104, new Info(Category.CALLEE, "callee powered off"));
        known.put(8105, new Info(Category.CALLEE, "callee number suspended"));
        known.put(7501, new Info(Category.CALLER, "caller hung up before ringing"));
        known.put(7502, new Info(Category.CALLER, "caller hung up after ringing"));
        known.put(8010, new Info(Category.OTHER, "maximum call duration reached"));
        known.put(8014, new Info(Category.OTHER, "invalid call or no binding"));
        putRange(known, 7100, 7108, new Info(Category.TENANT, "tenant problem"));
        putRange(known, 7001, 7005, new Info(Category.PLATFORM_CONTROL, "platform control"));
        putRange(known, 8042, 8057, new Info(Category.PLATFORM_CONTROL, "platform control"));
        for (int code : new int[] {522, 8007, 8008, 8015, 8041}) {
            known.put(code, new Info(Category.PLATFORM_FAULT, "platform fault"));
        }
        return Map.copyOf(known);
    }

    private static void putRange(Map<Integer, Info> known, int first, int last, Info info) {
        for (int code = first; code <= last; code++) {
            known.put(code, info);
        }
    }

    /**
     * @param code the code as the platform sent it
     * @return the hang-up code
     */
    public static HangupCode of(int code) {
        return new HangupCode(code);
    }

    /**
     * @return {@code true} if SPEC §11 lists this code
     */
    public boolean isKnown() {
        return KNOWN.containsKey(code);
    }

    /**
     * @return the code's group; {@link Category#UNKNOWN} for a code SPEC §11 does not list
     */
    public Category category() {
        Info info = KNOWN.get(code);
        return info == null ? Category.UNKNOWN : info.category();
    }

    /**
     * @return the documented meaning, when the code is known
     */
    public Optional<String> description() {
        Info info = KNOWN.get(code);
        return info == null ? Optional.empty() : Optional.of(info.description());
    }

    /**
     * @return {@code true} for {@code 0}, a normal release after answer
     */
    public boolean isNormal() {
        return code == 0;
    }

    /**
     * @return the number, with the description when known, e.g. {@code 8102 (callee busy)}
     */
    @Override
    public String toString() {
        Info info = KNOWN.get(code);
        return info == null ? String.valueOf(code) : code + " (" + info.description() + ")";
    }
}
