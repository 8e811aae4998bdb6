package io.omnisync.platform.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route policy {@code leaderOnly}: a route that names it ({@code routePolicy: leaderOnly} in its YAML) has its
 * consumer running only while this instance is the leader, so a scheduled poller or reconciliation runs on one
 * instance at a time and moves to another when the leader dies. On a single instance that instance leads.
 */
public class LeaderRoutePolicy extends RoutePolicySupport implements Leadership.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderRoutePolicy.class);

    private final Leadership leadership;
    private final Set<Route> routes = ConcurrentHashMap.newKeySet();

    public LeaderRoutePolicy(Leadership leadership) {
        this.leadership = leadership;
        leadership.addListener(this);
    }

    @Override
    public void onStart(Route route) {
        routes.add(route);
        if (!leadership.isLeader()) {
            pause(route);
        }
    }

    @Override
    public void onStop(Route route) {
        routes.remove(route);
    }

    @Override
    public void onRemove(Route route) {
        routes.remove(route);
    }

    @Override
    public synchronized void granted() {
        for (Route route : routes) {
            try {
                startConsumer(route.getConsumer());
                LOG.info("route {} runs on this instance (the leader)", route.getRouteId());
            } catch (Exception e) {
                LOG.warn("route {} could not start on the new leader: {}", route.getRouteId(), e.toString());
            }
        }
    }

    @Override
    public synchronized void revoked() {
        routes.forEach(this::pause);
    }

    private void pause(Route route) {
        try {
            stopConsumer(route.getConsumer());
            LOG.info("route {} waits: another instance is the leader", route.getRouteId());
        } catch (Exception e) {
            LOG.warn("route {} could not be paused: {}", route.getRouteId(), e.toString());
        }
    }
}
