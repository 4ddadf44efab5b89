package io.github.privatenumber.simulator.internal.state;

/**
 * A validated YB bind request.
 *
 * @param subscriptionId the AX relation
 * @param numB B (global format)
 * @param areaCode requested area of Y, {@code null}: the AX's area, loosely
 * @param loose areaMatchMode 1 (only used with an explicit areaCode)
 * @param preVoiceY may be {@code null}
 * @param ybDuration seconds, {@code null} to inherit the AX's ybDuration
 */
public record YbParams(String subscriptionId, String numB, String areaCode, boolean loose, String preVoiceY, Long ybDuration) {
}
