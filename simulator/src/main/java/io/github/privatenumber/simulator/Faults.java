package io.github.privatenumber.simulator;

import java.util.List;

/**
 * The fault rules of a running simulator (also reachable through {@code POST/GET/DELETE /simulator/faults}).
 * Thread-safe; changes apply to the next request.
 */
public interface Faults {

    /**
     * @param fault the rule
     * @return its id, for {@link #remove(String)}
     */
    String add(Fault fault);

    /**
     * @param id an id from {@link #add(Fault)}
     * @return whether a rule was removed
     */
    boolean remove(String id);

    /** Removes every rule. */
    void clear();

    /** @return the rules that still apply, in the order added (used-up rules are dropped) */
    List<ActiveFault> list();
}
