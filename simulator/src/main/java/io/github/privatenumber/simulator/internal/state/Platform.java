package io.github.privatenumber.simulator.internal.state;

import io.github.privatenumber.core.Masking;
import io.github.privatenumber.simulator.CallRoute;
import io.github.privatenumber.simulator.NumberPool;
import io.github.privatenumber.simulator.SimulatorState;
import io.github.privatenumber.simulator.internal.ApiException;
import io.github.privatenumber.simulator.internal.Ids;
import io.github.privatenumber.simulator.internal.PhoneNumbers;
import io.github.privatenumber.simulator.internal.ResultCodes;
import io.github.privatenumber.simulator.internal.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * The AXYB state of every simulated app (SPEC section 3). Thread-safe: each operation takes one short
 * lock, never held during I/O, and first drops whatever expired on the platform clock.
 */
public final class Platform {

    /** At most this many X per A and app. */
    public static final int MAX_X_PER_A = 5;
    /** A Y may appear in at most this many relations of an app. */
    public static final int MAX_RELATIONS_PER_Y = 1000;

    private final Clock clock;
    private final Object lock = new Object();
    /** Pool order per app. */
    private final Map<String, List<Slot>> slotsByApp = new LinkedHashMap<>();
    private final Map<String, Slot> slots = new HashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, Subscription> byX = new HashMap<>();
    private final Map<String, List<YbPair>> byY = new HashMap<>();
    /** appKey + '\n' + A → that A's subscriptions. */
    private final Map<String, List<Subscription>> byA = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>(Comparator.comparing(Expiry::at));

    private record Expiry(Instant at, Object target) {
    }

    /**
     * @param clock the platform clock
     * @param pools each app's pool, by app key; a number may appear in one pool only
     * @throws IllegalArgumentException if a number appears in two pools
     */
    public Platform(Clock clock, Map<String, NumberPool> pools) {
        this.clock = clock;
        for (Map.Entry<String, NumberPool> e : pools.entrySet()) {
            List<Slot> list = new ArrayList<>();
            int order = 0;
            for (NumberPool.Entry n : e.getValue().entries()) {
                Slot s = new Slot(e.getKey(), n, order++);
                if (slots.putIfAbsent(n.number(), s) != null) {
                    throw new IllegalArgumentException("number " + Masking.mask(n.number()) + " is in the pools of two apps");
                }
                list.add(s);
            }
            slotsByApp.put(e.getKey(), list);
        }
    }

    // ---------------------------------------------------------------- bind

    /**
     * AX step.
     *
     * @param appKey the calling app
     * @param p the validated request
     * @return {@code [subscriptionId, X]}
     * @throws ApiException 1010002, 1011002, 1011003
     */
    public String[] bindAx(String appKey, AxParams p) {
        synchronized (lock) {
            Instant now = purge();
            refuseOwnNumber(p.numA());
            List<Subscription> ofA = byA.getOrDefault(key(appKey, p.numA()), List.of());
            if (ofA.size() >= MAX_X_PER_A) {
                throw new ApiException(403, ResultCodes.MAX_X_REACHED,
                        "origNum already holds the maximum of " + MAX_X_PER_A + " X numbers");
            }
            Slot x = allocate(appKey, p.areaCode(), p.loose(), Slot::isFree);
            if (x == null) {
                throw new ApiException(403, ResultCodes.NO_FREE_X, p.areaCode() == null
                        ? "no free privacy number left in the pool of this app"
                        : "no free privacy number in area " + p.areaCode()
                                + (p.loose() ? " or elsewhere in the pool" : " (strict areaMatchMode 0)"));
            }
            Subscription s = new Subscription(Ids.hex(16), appKey, p, x.entry.number(), x.entry.areaCode(), now);
            x.asX = s;
            subscriptions.put(s.id, s);
            byX.put(s.numX, s);
            byA.computeIfAbsent(key(appKey, s.numA), k -> new ArrayList<>()).add(s);
            if (s.expiresAt != null) {
                expiries.add(new Expiry(s.expiresAt, s));
            }
            return new String[] {s.id, s.numX};
        }
    }

    /**
     * YB step.
     *
     * @param appKey the calling app
     * @param p the validated request
     * @return Y
     * @throws ApiException 1016001, 1010002, 1012010, 1012008
     */
    public String bindYb(String appKey, YbParams p) {
        synchronized (lock) {
            Instant now = purge();
            Subscription s = subscription(appKey, p.subscriptionId());
            refuseOwnNumber(p.numB());
            if (p.numB().equals(s.numA)) {
                throw ApiException.invalid("origNum of the YB step must differ from the A number of the subscription");
            }
            if (s.pairs.containsKey(p.numB())) {
                throw new ApiException(403, ResultCodes.RELATION_EXISTS,
                        "origNum is already bound as B on this subscription");
            }
            Slot y = p.areaCode() == null
                    ? allocateY(s, p.numB(), s.areaOfX, true)
                    : allocateY(s, p.numB(), p.areaCode(), p.loose());
            if (y == null) {
                throw new ApiException(403, ResultCodes.NO_FREE_Y, p.areaCode() == null
                        ? "no privacy number can serve as Y for this A (area " + s.areaOfX + " or elsewhere)"
                        : "no privacy number can serve as Y for this A in area " + p.areaCode()
                                + (p.loose() ? " or elsewhere in the pool" : " (strict areaMatchMode 0)"));
            }
            long ybDuration = p.ybDuration() == null ? s.ybDuration : cut(p.ybDuration(), s.duration);
            String preVoiceY = p.preVoiceY() != null ? p.preVoiceY() : s.preVoiceY;
            addPair(s, y, p.numB(), preVoiceY, ybDuration, now, false);
            return y.entry.number();
        }
    }

    private static long cut(long ybDuration, long duration) {
        return duration != 0 && ybDuration > duration ? duration : ybDuration;
    }

    private YbPair addPair(Subscription s, Slot y, String numB, String preVoiceY, long ybDuration, Instant now,
            boolean automatic) {
        YbPair pair = new YbPair(Ids.hex(16), s, y.entry.number(), numB, preVoiceY, ybDuration, now, automatic);
        s.pairs.put(numB, pair);
        y.yUses++;
        byY.computeIfAbsent(pair.numY, k -> new ArrayList<>()).add(pair);
        if (pair.expiresAt != null && !pair.expiresAt.equals(s.expiresAt)) {
            expiries.add(new Expiry(pair.expiresAt, pair));
        }
        return pair;
    }

    private void refuseOwnNumber(String number) {
        if (slots.containsKey(number)) {
            throw ApiException.invalid("origNum must be a user's number, not a privacy number of the platform");
        }
    }

    private Subscription subscription(String appKey, String id) {
        Subscription s = subscriptions.get(id);
        if (s == null || !s.appKey.equals(appKey)) {
            throw new ApiException(403, ResultCodes.NO_BINDING, "no binding with this subscriptionId");
        }
        return s;
    }

    /** X: numbers neither X nor Y. Y: see {@link #allocateY}. Tiers: the area, then (loose) its province, then any. */
    private Slot allocate(String appKey, String area, boolean loose, Predicate<Slot> usable) {
        List<Slot> pool = slotsByApp.getOrDefault(appKey, List.of());
        if (area == null) {
            return first(pool, usable);
        }
        Slot s = first(pool, usable.and(c -> c.entry.areaCode().equals(area)));
        if (s != null || !loose) {
            return s;
        }
        String province = provinceOf(appKey, area);
        s = first(pool, usable.and(c -> c.entry.province().equals(province)));
        return s != null ? s : first(pool, usable);
    }

    private String provinceOf(String appKey, String area) {
        for (Slot s : slotsByApp.getOrDefault(appKey, List.of())) {
            if (s.entry.areaCode().equals(area)) {
                return s.entry.province();
            }
        }
        return io.github.privatenumber.simulator.internal.Provinces.of(area);
    }

    private static Slot first(List<Slot> pool, Predicate<Slot> usable) {
        for (Slot s : pool) {
            if (usable.test(s)) {
                return s;
            }
        }
        return null;
    }

    /**
     * A Y for (A, B): never an X, never a Y already paired with the same A (so that A dialling Y is
     * unambiguous), used by fewer than 1000 relations. Numbers already serving as Y are preferred, which
     * keeps free numbers for X.
     */
    private Slot allocateY(Subscription s, String numB, String area, boolean loose) {
        List<String> ysOfA = new ArrayList<>();
        for (Subscription other : byA.getOrDefault(key(s.appKey, s.numA), List.of())) {
            for (YbPair p : other.pairs.values()) {
                ysOfA.add(p.numY);
            }
        }
        Predicate<Slot> usable = c -> c.asX == null && c.yUses < MAX_RELATIONS_PER_Y
                && !ysOfA.contains(c.entry.number());
        Slot reused = allocate(s.appKey, area, loose, usable.and(c -> c.yUses > 0));
        Slot fresh = allocate(s.appKey, area, loose, usable);
        if (reused == null) {
            return fresh;
        }
        // prefer reuse only within the same matching tier as the best fresh number
        if (fresh == null || tier(reused, area, s.appKey) <= tier(fresh, area, s.appKey)) {
            return reused;
        }
        return fresh;
    }

    private int tier(Slot c, String area, String appKey) {
        if (area == null || c.entry.areaCode().equals(area)) {
            return 0;
        }
        return c.entry.province().equals(provinceOf(appKey, area)) ? 1 : 2;
    }

    // ---------------------------------------------------------------- unbind / query

    /**
     * @param appKey the calling app
     * @param subscriptionId required
     * @param yNum only this YB (wins over bNum), may be {@code null}
     * @param bNum only this YB, may be {@code null}
     * @throws ApiException 1016001
     */
    public void unbind(String appKey, String subscriptionId, String yNum, String bNum) {
        synchronized (lock) {
            purge();
            Subscription s = subscription(appKey, subscriptionId);
            if (yNum != null) {
                YbPair match = null;
                for (YbPair p : s.pairs.values()) {
                    if (p.numY.equals(yNum)) {
                        match = p;
                    }
                }
                if (match == null) {
                    throw new ApiException(403, ResultCodes.NO_BINDING, "no YB on this subscription uses yNum");
                }
                removePair(match);
            } else if (bNum != null) {
                YbPair match = s.pairs.get(bNum);
                if (match == null) {
                    throw new ApiException(403, ResultCodes.NO_BINDING, "no YB on this subscription binds bNum");
                }
                removePair(match);
            } else {
                removeSubscription(s);
            }
        }
    }

    /**
     * @param appKey the calling app
     * @param subscriptionId wins when both are given; may be {@code null}
     * @param relationNum an X; may be {@code null}
     * @return the relations, at least one
     * @throws ApiException 1016001 when nothing is found
     */
    public List<RelationItem> query(String appKey, String subscriptionId, String relationNum) {
        synchronized (lock) {
            purge();
            Subscription s;
            if (subscriptionId != null) {
                s = subscription(appKey, subscriptionId);
            } else {
                s = byX.get(relationNum);
                if (s == null || !s.appKey.equals(appKey)) {
                    throw new ApiException(403, ResultCodes.NO_BINDING, "no binding on this relationNum");
                }
            }
            List<RelationItem> items = new ArrayList<>();
            if (s.pairs.isEmpty()) {
                items.add(item(s, null));
            }
            for (YbPair p : s.pairs.values()) {
                items.add(item(s, p));
            }
            return items;
        }
    }

    private static RelationItem item(Subscription s, YbPair p) {
        return new RelationItem(p == null ? s.id : p.bindId, s.id, s.numA, s.numX, p == null ? "" : p.numY,
                p == null ? "" : p.numB, s.recordFlag, s.recordHintTone, Times.platform(s.subscribedAt), s.callDirection,
                Long.toString(s.duration), Long.toString(p == null ? s.ybDuration : p.ybDuration), s.preVoiceX,
                p == null ? s.preVoiceY : p.preVoiceY, s.userData);
    }

    private void removeSubscription(Subscription s) {
        s.active = false;
        for (YbPair p : new ArrayList<>(s.pairs.values())) {
            removePair(p);
        }
        subscriptions.remove(s.id);
        byX.remove(s.numX);
        slots.get(s.numX).asX = null;
        List<Subscription> ofA = byA.get(key(s.appKey, s.numA));
        if (ofA != null) {
            ofA.remove(s);
            if (ofA.isEmpty()) {
                byA.remove(key(s.appKey, s.numA));
            }
        }
    }

    private void removePair(YbPair p) {
        p.active = false;
        p.sub.pairs.remove(p.numB);
        slots.get(p.numY).yUses--;
        List<YbPair> list = byY.get(p.numY);
        if (list != null) {
            list.remove(p);
            if (list.isEmpty()) {
                byY.remove(p.numY);
            }
        }
    }

    /** Drops expired relations; caller holds the lock. */
    private Instant purge() {
        Instant now = clock.instant();
        while (!expiries.isEmpty() && !now.isBefore(expiries.peek().at())) {
            Object t = expiries.poll().target();
            if (t instanceof Subscription s && s.active) {
                removeSubscription(s);
            } else if (t instanceof YbPair p && p.active) {
                removePair(p);
            }
        }
        return now;
    }

    private static String key(String appKey, String numA) {
        return appKey + '\n' + numA;
    }

    // ---------------------------------------------------------------- calls

    /**
     * @param number any number
     * @return the app owning this privacy number, or {@code null} when it is no privacy number here
     */
    public String ownerOf(String number) {
        synchronized (lock) {
            Slot s = slots.get(number);
            return s == null ? null : s.appKey;
        }
    }

    /**
     * Decides the route of a call (SPEC section 3), allocating a Y when someone new dials an X.
     *
     * @param caller the calling number
     * @param called the dialled privacy number
     * @return the decision
     * @throws IllegalArgumentException if {@code called} is not a privacy number of the simulator
     */
    public Route route(String caller, String called) {
        synchronized (lock) {
            Instant now = purge();
            Slot slot = slots.get(called);
            if (slot == null) {
                throw new IllegalArgumentException("called is not a privacy number of the simulator");
            }
            String app = slot.appKey;
            Subscription viaX = byX.get(called);
            if (!PhoneNumbers.isMobile(caller)) {
                return failed(app, CallRoute.FIXED_LINE_CALLER, 8023, viaX);
            }
            if (viaX != null) {
                return routeViaX(app, viaX, caller, now);
            }
            List<YbPair> pairs = byY.getOrDefault(called, List.of());
            for (YbPair p : pairs) {
                if (p.sub.numA.equals(caller)) {
                    Subscription s = p.sub;
                    if (s.callDirection == 2) {
                        return failed(app, CallRoute.DIRECTION_BLOCKED, 8014, s);
                    }
                    return new Route(app, CallRoute.A_TO_B, 0, s.id, s.userData, s.recordFlag, s.numX, p.numB, 1);
                }
            }
            for (YbPair p : pairs) {
                if (p.numB.equals(caller)) {
                    return failed(app, CallRoute.OWN_PRIVACY_NUMBER, 8032, p.sub);
                }
            }
            return failed(app, CallRoute.NO_BINDING, 8030, null);
        }
    }

    private Route routeViaX(String app, Subscription s, String caller, Instant now) {
        if (s.numA.equals(caller)) {
            return failed(app, CallRoute.OWN_PRIVACY_NUMBER, 8032, s);
        }
        if (s.callDirection == 1) {
            return failed(app, CallRoute.DIRECTION_BLOCKED, 8014, s);
        }
        YbPair pair = s.pairs.get(caller);
        CallRoute kind = CallRoute.B_TO_A;
        if (pair == null) {
            if (slots.containsKey(caller)) {
                return failed(app, CallRoute.Y_ALLOCATION_FAILED, 8031, s);
            }
            Slot y = allocateY(s, caller, s.areaOfX, true);
            if (y == null) {
                return failed(app, CallRoute.Y_ALLOCATION_FAILED, 8031, s);
            }
            pair = addPair(s, y, caller, s.preVoiceY, s.ybDuration, now, true);
            kind = CallRoute.B_TO_A_AUTO_Y;
        }
        return new Route(app, kind, 0, s.id, s.userData, s.recordFlag, pair.numY, s.numA, 0);
    }

    private static Route failed(String app, CallRoute kind, int code, Subscription s) {
        return new Route(app, kind, code, s == null ? "" : s.id, s == null ? null : s.userData, false, null, null, 2);
    }

    // ---------------------------------------------------------------- admin

    /** Drops every relation; numbers return to the pools. */
    public void clear() {
        synchronized (lock) {
            for (Subscription s : new ArrayList<>(subscriptions.values())) {
                removeSubscription(s);
            }
            expiries.clear();
        }
    }

    /** @return every live relation, numbers in clear (callers mask them where needed) */
    public List<SimulatorState.Binding> snapshot() {
        synchronized (lock) {
            purge();
            List<SimulatorState.Binding> out = new ArrayList<>();
            for (Subscription s : subscriptions.values()) {
                List<SimulatorState.YbBinding> ybs = new ArrayList<>();
                for (YbPair p : s.pairs.values()) {
                    ybs.add(new SimulatorState.YbBinding(p.bindId, p.numY, p.numB, p.ybDuration, p.boundAt, p.expiresAt,
                            p.automatic));
                }
                out.add(new SimulatorState.Binding(s.id, s.appKey, s.numA, s.numX, s.areaOfX, s.callDirection, s.duration,
                        s.ybDuration, s.recordFlag, s.userData, s.subscribedAt, s.expiresAt, ybs));
            }
            return out;
        }
    }

    /**
     * @param appKey an app
     * @return free numbers per area code of that app
     */
    public Map<String, Integer> freeNumbers(String appKey) {
        synchronized (lock) {
            purge();
            Map<String, Integer> m = new LinkedHashMap<>();
            for (Slot s : slotsByApp.getOrDefault(appKey, List.of())) {
                m.merge(s.entry.areaCode(), s.isFree() ? 1 : 0, Integer::sum);
            }
            return m;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "Platform[apps=" + slotsByApp.keySet() + ", subscriptions=" + subscriptions.size() + "]";
        }
    }
}
