package io.github.privatenumber.core.binding;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.OutcomeUnknownException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.core.number.PhoneNumber;
import java.util.List;

/**
 * The platform's AXYB binding API (SPEC §4–§6): bind, unbind and query. A port: the {@code client}
 * module implements it over HTTP; applications and tests may implement it too. Implementations must be
 * thread-safe.
 *
 * <p>Every method may throw:
 * <ul>
 *   <li>{@link InvalidValueException} when an argument is {@code null}, before anything is sent;</li>
 *   <li>{@link PlatformException} when the platform answered with a result code other than {@code "0"};</li>
 *   <li>{@link TransportException} when no usable answer arrived (after any retries the method allows).</li>
 * </ul>
 *
 * <p><b>Retry safety.</b> Each method says whether an implementation may repeat it by itself and whether
 * a caller may repeat it after a failure. "Transient failures" are: connection refused or failed,
 * timeouts, HTTP 5xx, and the result codes {@code 1010001}, {@code 1023001} and {@code 1023002}.
 * Every attempt is signed afresh.
 */
public interface BindingGateway {

    /**
     * Binds A to a new privacy number X (the AX step). A may hold up to five X at a time; each call makes
     * a new relation.
     *
     * <p><b>Not idempotent.</b> It is retried only when the request surely never left this process
     * (connection refused). When the request may have reached the platform but its answer was lost, the
     * call fails with {@link OutcomeUnknownException} and is not retried, so a lost answer never becomes a
     * silent second binding: find out what happened (for example with {@link #queryByX(PhoneNumber)} on
     * the X numbers you know, or by your own records) before binding again.
     *
     * @param request what to bind
     * @return the subscription id and X
     * @throws InvalidValueException if {@code request} is {@code null}
     * @throws PlatformException if the platform refused, e.g. {@code 1011003} (A already holds five X) or
     *     {@code 1011002} (no free number in the area)
     * @throws OutcomeUnknownException if the answer was lost after the request may have been sent
     * @throws TransportException if the request could not be sent
     */
    BindResult bindAx(AxBindRequest request);

    /**
     * Binds B to a privacy number Y under an existing AX binding (the YB step).
     *
     * <p><b>Reconcile before retrying.</b> A YB bind whose answer was lost may have taken effect; a
     * blind repeat could fail with a conflict or bind a second Y. The safe course, which implementations
     * that retry follow, is to {@linkplain #query(SubscriptionId) query the subscription} first and retry
     * only when B is not bound yet.
     *
     * @param request what to bind
     * @return the same subscription id and Y
     * @throws InvalidValueException if {@code request} is {@code null}
     * @throws PlatformException if the platform refused, e.g. {@code 1016001} (the AX binding does not
     *     exist) or {@code 1012010} (the relation already exists)
     * @throws OutcomeUnknownException if the answer was lost and the outcome could not be reconciled
     * @throws TransportException if no usable answer arrived
     */
    BindResult bindYb(YbBindRequest request);

    /**
     * Removes the AX binding and every YB binding under it. A call in progress is not cut.
     *
     * <p><b>Safe to retry</b> on transient failures. A retry after a lost answer may be told
     * {@code 1016001} (the binding does not exist) because the first attempt already removed it;
     * implementations treat that answer on a retry as done.
     *
     * @param subscriptionId the binding to remove; never empty, so this can never widen into "everything"
     * @throws InvalidValueException if {@code subscriptionId} is {@code null}
     * @throws PlatformException if the platform refused, e.g. {@code 1016001} on a first attempt (no such binding)
     * @throws TransportException if no usable answer arrived after the retries
     */
    void unbind(SubscriptionId subscriptionId);

    /**
     * Removes only the YB binding whose Y is {@code yNum}; the AX binding stays.
     *
     * <p><b>Safe to retry</b> on transient failures; {@code 1016001} on a retry after a lost answer counts
     * as done.
     *
     * @param subscriptionId the AX binding
     * @param yNum the Y whose YB binding to remove
     * @throws InvalidValueException if an argument is {@code null}
     * @throws PlatformException if the platform refused, e.g. {@code 1016001} on a first attempt
     * @throws TransportException if no usable answer arrived after the retries
     */
    void unbindY(SubscriptionId subscriptionId, PhoneNumber yNum);

    /**
     * Removes only the YB binding of B; the AX binding stays.
     *
     * <p><b>Safe to retry</b> on transient failures; {@code 1016001} on a retry after a lost answer counts
     * as done.
     *
     * @param subscriptionId the AX binding
     * @param bNum the B whose YB binding to remove
     * @throws InvalidValueException if an argument is {@code null}
     * @throws PlatformException if the platform refused, e.g. {@code 1016001} on a first attempt
     * @throws TransportException if no usable answer arrived after the retries
     */
    void unbindB(SubscriptionId subscriptionId, PhoneNumber bNum);

    /**
     * Lists the relations of one subscription. <b>Safe to retry</b> on transient failures: it changes nothing.
     *
     * @param subscriptionId the binding to look up
     * @return its relations (1–5), in the platform's order; a relation whose YB step is not done has no Y
     *     and no B
     * @throws InvalidValueException if {@code subscriptionId} is {@code null}
     * @throws PlatformException if the platform refused, e.g. {@code 1016001} when nothing was found
     * @throws TransportException if no usable answer arrived after the retries
     */
    List<Relation> query(SubscriptionId subscriptionId);

    /**
     * Lists every relation on one privacy number X. <b>Safe to retry</b> on transient failures: it
     * changes nothing.
     *
     * @param x the privacy number X
     * @return its relations (1–5), in the platform's order
     * @throws InvalidValueException if {@code x} is {@code null}
     * @throws PlatformException if the platform refused, e.g. {@code 1016001} when nothing was found
     * @throws TransportException if no usable answer arrived after the retries
     */
    List<Relation> queryByX(PhoneNumber x);
}
