package io.omnisync.platform.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.DefaultCandidate;

/**
 * This instance's candidacy for leadership among the instances sharing the state database. Spring Integration's
 * {@code LockRegistryLeaderInitiator} grants and revokes it, holding a {@code JdbcLockRegistry} lock that the leader
 * renews every heartbeat and that expires when it dies. Leader-only work (pollers, the outbox relay) listens here.
 */
public class Leadership extends DefaultCandidate {

    /** The role every instance competes for. */
    public static final String ROLE = "omnisync-leader";

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    /** Something that runs on the leader only. */
    public interface Listener {

        void granted();

        void revoked();
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean leader;

    public Leadership(String instanceId) {
        super(instanceId, ROLE);
    }

    public boolean isLeader() {
        return leader;
    }

    /** Registers a listener; it is told at once if this instance leads already. */
    public void addListener(Listener listener) {
        listeners.add(listener);
        if (leader) {
            listener.granted();
        }
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public void onGranted(Context context) {
        leader = true;
        LOG.info("instance {} is now the leader: pollers and the outbox relay run here", getId());
        listeners.forEach(Leadership::grant);
    }

    @Override
    public void onRevoked(Context context) {
        if (!leader) {
            return;
        }
        leader = false;
        LOG.info("instance {} is no longer the leader", getId());
        listeners.forEach(Leadership::revoke);
    }

    private static void grant(Listener listener) {
        try {
            listener.granted();
        } catch (RuntimeException e) {
            LOG.warn("a leader-only task did not start: {}", e.toString());
        }
    }

    private static void revoke(Listener listener) {
        try {
            listener.revoked();
        } catch (RuntimeException e) {
            LOG.warn("a leader-only task did not stop: {}", e.toString());
        }
    }
}
