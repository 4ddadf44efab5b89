/**
 * The platform's state: apps, number pools, AXYB relations and their expiry. Every mutable object here is
 * guarded by the {@link io.github.privatenumber.simulator.internal.state.Platform}'s lock; what leaves the
 * lock is an immutable snapshot.
 */
package io.github.privatenumber.simulator.internal.state;
