package io.omnisync.platform.bus;

/** Wakes idle consumers in this JVM as soon as a journal transaction commits, instead of at their next poll. */
public class BusSignal {

    private final Object monitor = new Object();
    private long generation;

    /** Called after an append committed. */
    public void wakeUp() {
        synchronized (monitor) {
            generation++;
            monitor.notifyAll();
        }
    }

    /** Waits up to {@code millis} for the next wake-up. */
    public void await(long millis) throws InterruptedException {
        synchronized (monitor) {
            long seen = generation;
            long deadline = System.currentTimeMillis() + millis;
            long left = millis;
            while (generation == seen && left > 0) {
                monitor.wait(left);
                left = deadline - System.currentTimeMillis();
            }
        }
    }
}
