package io.github.privatenumber.simulator;

/**
 * A fault rule registered with {@link Faults}, and how often it fired.
 *
 * @param id the id {@link Faults#add(Fault)} returned
 * @param fault the rule
 * @param remaining how many more requests it applies to, {@link Fault#UNLIMITED} for all
 * @param applied how many requests it affected so far
 */
public record ActiveFault(String id, Fault fault, int remaining, int applied) {
}
