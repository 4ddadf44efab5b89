package io.github.privatenumber.simulator.internal.state;

/**
 * One item of a query answer (SPEC section 6), a snapshot.
 *
 * @param bindId id of this relation: the YB pair's id, or the subscriptionId while no YB is bound
 * @param subscriptionId the AX relation
 * @param numA A
 * @param numX X
 * @param numY Y or empty
 * @param numB B or empty
 * @param recordFlag record calls
 * @param recordHintTone may be {@code null}
 * @param subscribeTime {@code yyyy-MM-dd HH:mm:ss} UTC
 * @param callDirection 0/1/2
 * @param duration seconds as text
 * @param ybDuration seconds as text
 * @param preVoiceX may be {@code null}
 * @param preVoiceY may be {@code null}
 * @param userData may be {@code null}
 */
public record RelationItem(String bindId, String subscriptionId, String numA, String numX, String numY, String numB,
        boolean recordFlag, String recordHintTone, String subscribeTime, int callDirection, String duration,
        String ybDuration, String preVoiceX, String preVoiceY, String userData) {
}
