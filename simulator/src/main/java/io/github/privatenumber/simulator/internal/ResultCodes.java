package io.github.privatenumber.simulator.internal;

/** The platform's result codes the simulator answers with (SPEC section 9). */
public final class ResultCodes {
    /** Success. */
    public static final String SUCCESS = "0";
    /** Internal error (500). */
    public static final String INTERNAL_ERROR = "1010001";
    /** Invalid request, the description names the parameter (403). */
    public static final String INVALID_REQUEST = "1010002";
    /** Invalid app_key (403). */
    public static final String INVALID_APP_KEY = "1010003";
    /** Invalid digest or replayed nonce (401). */
    public static final String INVALID_DIGEST = "1010010";
    /** Created too far from server time (401). */
    public static final String STALE_CREATED = "1010013";
    /** No free X in the area (403). */
    public static final String NO_FREE_X = "1011002";
    /** A holds the maximum number of X (403). */
    public static final String MAX_X_REACHED = "1011003";
    /** Recording does not exist (403). */
    public static final String NO_RECORDING = "1012007";
    /** No free Y in the area (403). */
    public static final String NO_FREE_Y = "1012008";
    /** Relation exists already (403). */
    public static final String RELATION_EXISTS = "1012010";
    /** Binding does not exist (403). */
    public static final String NO_BINDING = "1016001";

    private ResultCodes() {
    }
}
