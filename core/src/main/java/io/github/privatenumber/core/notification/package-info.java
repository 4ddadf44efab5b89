/**
 * Pushes from the platform (SPEC §10, §11): the {@link io.github.privatenumber.core.notification.NotificationSink}
 * port that applications implement, the {@link io.github.privatenumber.core.notification.CallEvent}s and
 * {@link io.github.privatenumber.core.notification.CallDetailRecord}s it receives, and the open value types
 * {@link io.github.privatenumber.core.notification.CallEventType} and
 * {@link io.github.privatenumber.core.notification.HangupCode}. Pushes are never refused for odd or
 * unknown values: those are kept. Every value type is immutable and thread-safe; builders are not.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are
 * returned as {@link java.util.Optional} (or {@link java.util.OptionalInt}). Builder setters of optional
 * values document that they accept {@code null} to mean "not reported". Invalid input, {@code null}
 * included, is rejected with {@link io.github.privatenumber.core.InvalidValueException} naming the field.
 */
package io.github.privatenumber.core.notification;
