/**
 * The platform simulator's public API: {@link io.github.privatenumber.simulator.Simulator} and its builder,
 * calls, faults, state snapshots and the command line. Parameters are non-null unless documented otherwise.
 */
package io.github.privatenumber.simulator;
