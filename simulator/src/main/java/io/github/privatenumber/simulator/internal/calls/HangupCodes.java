package io.github.privatenumber.simulator.internal.calls;

import java.util.Map;
import java.util.Set;

/** Descriptions and derived causes of hang-up codes (SPEC section 11). */
final class HangupCodes {

    private static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(0, "The user releases the call."),
            Map.entry(7501, "The caller hung up before the callee rang."),
            Map.entry(7502, "The caller hung up while the callee was ringing."),
            Map.entry(7503, "The callee rejected the call."),
            Map.entry(7504, "The callee refused the call."),
            Map.entry(8010, "The maximum call duration was reached."),
            Map.entry(8014, "Invalid call: the binding does not allow this call direction."),
            Map.entry(8023, "A fixed-line number cannot make calls through a privacy number."),
            Map.entry(8030, "The AXYB binding does not exist."),
            Map.entry(8031, "Failed to allocate a Y number during the call."),
            Map.entry(8032, "A bound number dialled its own privacy number."),
            Map.entry(8035, "Platform timeout after transfer."),
            Map.entry(8100, "The callee number does not exist."),
            Map.entry(8101, "The callee did not answer."),
            Map.entry(8102, "The callee is busy."),
            Map.entry(8103, "The callee is unreachable."),
            Map.entry(8104, "The callee is powered off."),
            Map.entry(8105, "The callee's number is suspended."));

    /** Outcomes where the callee's phone never rings. */
    private static final Set<Integer> NO_RING = Set.of(8100, 8102, 8103, 8104, 8105, 7501);

    private HangupCodes() {
    }

    static String describe(int code) {
        return DESCRIPTIONS.getOrDefault(code, "Call released with hang-up code " + code + ".");
    }

    static boolean rings(int outcome) {
        return !NO_RING.contains(outcome);
    }

    /** Q.850 cause for fwdUnaswRsn / callOutUnaswRsn. */
    static int q850(int code) {
        switch (code) {
            case 0: return 0;
            case 8100: return 1;
            case 8101: return 19;
            case 8102: return 17;
            case 8103:
            case 8104: return 20;
            case 7503:
            case 7504:
            case 8105: return 21;
            case 7501:
            case 7502: return 16;
            default: return 31;
        }
    }

    /** SIP status of the failed leg, 0 when answered. */
    static int sip(int code) {
        switch (code) {
            case 0: return 0;
            case 8100:
            case 8014:
            case 8030: return 404;
            case 8101:
            case 8103:
            case 8104: return 480;
            case 8102: return 486;
            case 8105:
            case 8023:
            case 8032: return 403;
            case 7503:
            case 7504: return 603;
            case 7501:
            case 7502: return 487;
            case 8031: return 503;
            default: return 500;
        }
    }
}
