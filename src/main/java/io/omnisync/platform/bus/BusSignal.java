package io.omnisync.platform.bus;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes idle consumers in this JVM as soon as a journal transaction commits, instead of at their next poll. A wake-up
 * for some topics wakes only the consumers of those topics (and those waiting for any topic, like the outbox relay):
 * every route's idle threads waking for every webhook would each run a claim transaction that finds nothing.
 */
public class BusSignal {

    private static final String ANY = "";

    /** One per topic (and one for "any"): its generation counts wake-ups; waiters wait on it. */
    private static final class Gate {
        private long generation;

        synchronized void open() {
            generation++;
            notifyAll();
        }

        synchronized void await(long millis) throws InterruptedException {
            long seen = generation;
            long deadline = System.currentTimeMillis() + millis;
            long left = millis;
            while (generation == seen && left > 0) {
                wait(left);
                left = deadline - System.currentTimeMillis();
            }
        }
    }

    private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();

    private Gate gate(String topic) {
        return gates.computeIfAbsent(topic, t -> new Gate());
    }

    /** Called after an append committed: wakes every waiting consumer. */
    public void wakeUp() {
        gate(ANY);
        gates.values().forEach(Gate::open);
    }

    /** Called after an append of events of these topics committed: wakes their consumers and those waiting for any. */
    public void wakeUp(Collection<String> topics) {
        topics.stream().distinct().forEach(topic -> gate(topic).open());
        gate(ANY).open();
    }

    /** Waits up to {@code millis} for the next wake-up of any topic. */
    public void await(long millis) throws InterruptedException {
        gate(ANY).await(millis);
    }

    /** Waits up to {@code millis} for the next wake-up of this topic (or of all). */
    public void await(String topic, long millis) throws InterruptedException {
        gate(topic).await(millis);
    }
}
