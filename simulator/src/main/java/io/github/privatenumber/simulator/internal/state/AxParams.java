package io.github.privatenumber.simulator.internal.state;

/**
 * A validated AX bind request.
 *
 * @param numA A (global format)
 * @param areaCode requested area of X, {@code null} for any
 * @param loose {@code true} for areaMatchMode 1
 * @param callDirection 0, 1 or 2
 * @param duration seconds, 0 = never expires
 * @param ybDuration seconds, 0 = until AX ends; already cut to duration
 * @param recordFlag record calls
 * @param recordHintTone may be {@code null}
 * @param preVoiceX may be {@code null}
 * @param preVoiceY may be {@code null}
 * @param userData may be {@code null}
 */
public record AxParams(String numA, String areaCode, boolean loose, int callDirection, long duration, long ybDuration,
        boolean recordFlag, String recordHintTone, String preVoiceX, String preVoiceY, String userData) {
}
