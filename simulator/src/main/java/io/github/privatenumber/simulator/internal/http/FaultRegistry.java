package io.github.privatenumber.simulator.internal.http;

import io.github.privatenumber.simulator.ActiveFault;
import io.github.privatenumber.simulator.Fault;
import io.github.privatenumber.simulator.FaultKind;
import io.github.privatenumber.simulator.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The fault rules; a volatile empty-check keeps the no-fault path lock-free. Thread-safe. */
public final class FaultRegistry implements Faults {

    /**
     * What to do with one request.
     *
     * @param latency how long to wait first, {@link Duration#ZERO} for no wait
     * @param kind the non-latency fault to apply, {@code null} for none
     */
    public record Decision(Duration latency, FaultKind kind) {
        /** No fault. */
        public static final Decision NONE = new Decision(Duration.ZERO, null);
    }

    private static final class Rule {
        final String id;
        final Fault fault;
        int remaining;
        int applied;

        Rule(String id, Fault fault) {
            this.id = id;
            this.fault = fault;
            this.remaining = fault.times();
        }

        boolean matches(String method, String path) {
            return fault.path().equals(path) && (fault.method() == null || fault.method().equals(method));
        }

        void use() {
            applied++;
            if (remaining != Fault.UNLIMITED) {
                remaining--;
            }
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean empty = true;

    /**
     * Consumes the matching rules for one request.
     *
     * @param method HTTP method
     * @param path raw path
     * @return what to do
     */
    public Decision decide(String method, String path) {
        if (empty) {
            return Decision.NONE;
        }
        synchronized (rules) {
            Rule latency = null;
            Rule other = null;
            for (Rule r : rules) {
                if (!r.matches(method, path)) {
                    continue;
                }
                if (r.fault.kind() == FaultKind.LATENCY) {
                    if (latency == null) {
                        latency = r;
                    }
                } else if (other == null) {
                    other = r;
                }
            }
            if (latency == null && other == null) {
                return Decision.NONE;
            }
            if (latency != null) {
                latency.use();
            }
            if (other != null) {
                other.use();
            }
            rules.removeIf(r -> r.remaining == 0);
            empty = rules.isEmpty();
            return new Decision(latency == null ? Duration.ZERO : latency.fault.latency(), other == null ? null : other.fault.kind());
        }
    }

    @Override
    public String add(Fault fault) {
        String id = "fault-" + ids.incrementAndGet();
        synchronized (rules) {
            rules.add(new Rule(id, fault));
            empty = false;
        }
        return id;
    }

    @Override
    public boolean remove(String id) {
        synchronized (rules) {
            for (Iterator<Rule> it = rules.iterator(); it.hasNext();) {
                if (it.next().id.equals(id)) {
                    it.remove();
                    empty = rules.isEmpty();
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public void clear() {
        synchronized (rules) {
            rules.clear();
            empty = true;
        }
    }

    @Override
    public List<ActiveFault> list() {
        synchronized (rules) {
            List<ActiveFault> out = new ArrayList<>();
            for (Rule r : rules) {
                out.add(new ActiveFault(r.id, r.fault, r.remaining, r.applied));
            }
            return out;
        }
    }
}
