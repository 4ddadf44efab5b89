/** Simulated calls: routing through the bindings, call events, CDRs and recordings. */
package io.github.privatenumber.simulator.internal.calls;
