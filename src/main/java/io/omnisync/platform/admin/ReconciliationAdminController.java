package io.omnisync.platform.admin;

import io.omnisync.platform.audit.AuditLog;
import io.omnisync.platform.channel.ChannelBindings;
import io.omnisync.platform.reconcile.ReconciliationProperties;
import io.omnisync.platform.reconcile.ReconciliationProperties.Mode;
import io.omnisync.platform.reconcile.ReconciliationRuns;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation through the admin API: request a run (REPORT, REPAIR or RESYNC, optionally of one channel or
 * account), follow its progress, read its drift per account and SKU, cancel it. Any instance takes the request;
 * the leader works on it.
 */
@RestController
@RequestMapping("/admin/reconciliation")
public class ReconciliationAdminController {

    /** A run to request: mode REPORT, REPAIR or RESYNC; channel and account narrow it (both optional). */
    public record Request(String mode, String channel, String account) {
    }

    private final ReconciliationRuns runs;
    private final ChannelBindings bindings;
    private final ReconciliationProperties properties;
    private final AuditLog audit;
    private final boolean magento;

    public ReconciliationAdminController(ReconciliationRuns runs, ChannelBindings bindings,
                                         ReconciliationProperties properties, AuditLog audit,
                                         org.springframework.core.env.Environment environment) {
        this.runs = runs;
        this.bindings = bindings;
        this.properties = properties;
        this.audit = audit;
        this.magento = environment.getProperty("omnisync.connector.magento.enabled", Boolean.class, false);
    }

    @PostMapping("/runs")
    public ResponseEntity<?> request(@RequestBody(required = false) Request request, Principal who) {
        Mode mode = mode(request == null ? null : request.mode());
        String channel = blankToNull(request == null ? null : request.channel());
        String account = blankToNull(request == null ? null : request.account());
        if (channel != null && bindings.of(channel).isEmpty()) {
            throw new AdminRequestException("no account of channel '" + channel + "' is bound (omnisync.channels.bindings)");
        }
        if (account != null && bindings.all().stream().noneMatch(b -> b.getAccount().equals(account)
                && (channel == null || b.getChannel().equals(channel)))) {
            throw new AdminRequestException("account '" + account + "' is not bound" + (channel == null ? "" : " on " + channel)
                    + " (omnisync.channels.bindings)");
        }
        if (!properties.isEnabled() || !magento) {
            audit.record(who.getName(), "request reconciliation " + mode, "reconciliation", "refused: disabled");
            return problem(HttpStatus.CONFLICT, !magento ? "reconciliation compares with Magento, whose connector is off: "
                    + "set omnisync.connector.magento.enabled=true" : "reconciliation is switched off: set "
                    + "omnisync.reconciliation.enabled=true");
        }
        ReconciliationRuns.Requested requested = runs.request(mode, who.getName(), channel, account);
        String target = "reconciliation run " + requested.run().id();
        if (!requested.queued()) {
            audit.record(who.getName(), "request reconciliation " + mode, target, "refused: run " + requested.run().id()
                    + " is " + requested.run().status());
            ProblemDetail busy = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "run " + requested.run().id()
                    + " (" + requested.run().mode() + ") is " + requested.run().status() + "; one run at a time: wait for it "
                    + "or cancel it (POST /admin/reconciliation/runs/" + requested.run().id() + "/cancel)");
            busy.setProperty("activeRun", requested.run().id());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(busy);
        }
        audit.record(who.getName(), "request reconciliation " + mode, target, "queued");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(requested.run());
    }

    @GetMapping("/runs")
    public List<ReconciliationRuns.Run> list(@RequestParam(defaultValue = "20") int limit) {
        return runs.latest(Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/runs/{id}")
    public ResponseEntity<?> one(@PathVariable long id) {
        return runs.find(id).<ResponseEntity<?>>map(run -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("run", run);
            body.put("accounts", runs.accounts(id));
            return ResponseEntity.ok(body);
        }).orElseGet(() -> problem(HttpStatus.NOT_FOUND, "no reconciliation run " + id));
    }

    @GetMapping("/runs/{id}/drift")
    public ResponseEntity<?> drift(@PathVariable long id, @RequestParam(required = false) String channel,
                                   @RequestParam(required = false) String account,
                                   @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new AdminRequestException("limit must be 1 to 10000, not " + limit);
        }
        if (runs.find(id).isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "no reconciliation run " + id);
        }
        return ResponseEntity.ok(runs.drift(id, channel, account, limit));
    }

    @PostMapping("/runs/{id}/cancel")
    public ResponseEntity<?> cancel(@PathVariable long id, Principal who) {
        boolean cancelled = runs.cancel(id);
        audit.record(who.getName(), "cancel reconciliation", "reconciliation run " + id, cancelled ? "cancelled" : "refused: not active");
        return cancelled ? ResponseEntity.ok(runs.find(id).orElseThrow())
                : problem(runs.find(id).isEmpty() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT,
                        "reconciliation run " + id + " is not queued or running");
    }

    private static Mode mode(String value) {
        if (value == null || value.isBlank()) {
            throw new AdminRequestException("send {\"mode\": \"REPORT\"} (or REPAIR, RESYNC), optionally with channel and account");
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AdminRequestException("mode must be one of " + Arrays.toString(Mode.values()) + ", not " + value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
