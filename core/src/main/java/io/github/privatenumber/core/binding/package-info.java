/**
 * AXYB bindings: the {@link io.github.privatenumber.core.binding.BindingGateway} port, the two bind
 * requests ({@link io.github.privatenumber.core.binding.AxBindRequest},
 * {@link io.github.privatenumber.core.binding.YbBindRequest}), their
 * {@link io.github.privatenumber.core.binding.BindResult}, the
 * {@link io.github.privatenumber.core.binding.Relation}s a query lists, and the value types they are
 * made of. Every value type is immutable and thread-safe; builders are not thread-safe.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are
 * returned as {@link java.util.Optional}. Builder setters of optional values document that they accept
 * {@code null} to clear. Invalid input, {@code null} included, is rejected with
 * {@link io.github.privatenumber.core.InvalidValueException} naming the field as the platform spells it.
 */
package io.github.privatenumber.core.binding;
