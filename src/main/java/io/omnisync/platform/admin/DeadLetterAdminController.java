package io.omnisync.platform.admin;

import io.omnisync.platform.audit.AuditLog;
import io.omnisync.platform.deadletter.DeadLetter;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.error.ErrorClass;
import java.security.Principal;
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
 * The dead-letter admin API: list and filter, show one, replay one or many, discard. Payloads are stored with
 * personal data masked, so every role reads masked data.
 */
@RestController
@RequestMapping("/admin")
public class DeadLetterAdminController {

    /** Several ids at once. */
    public record Ids(List<Long> ids, String reason) {
    }

    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;
    private final AuditLog audit;

    public DeadLetterAdminController(DeadLetters deadLetters, DeadLetterReplay replay, AuditLog audit) {
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.audit = audit;
    }

    @GetMapping("/dead-letters")
    public List<DeadLetter> list(@RequestParam(defaultValue = "OPEN") String status,
                                 @RequestParam(required = false) String route,
                                 @RequestParam(required = false) String source,
                                 @RequestParam(required = false) String errorClass,
                                 @RequestParam(required = false) String entityKey,
                                 @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new AdminRequestException("limit must be 1 to 1000, not " + limit);
        }
        return deadLetters.search(new DeadLetters.Filter(status.toUpperCase(Locale.ROOT), route, source,
                errorClass(errorClass), entityKey), limit);
    }

    @GetMapping("/dead-letters/{id}")
    public ResponseEntity<?> one(@PathVariable long id) {
        return deadLetters.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(id));
    }

    @PostMapping("/dead-letters/{id}/replay")
    public ResponseEntity<?> replayOne(@PathVariable long id, Principal who) {
        return answer(replay.replay(id, who.getName()));
    }

    @PostMapping("/dead-letters/replay")
    public List<DeadLetterReplay.Outcome> replayMany(@RequestBody Ids ids, Principal who) {
        return requireIds(ids).stream().map(id -> replay.replay(id, who.getName())).toList();
    }

    @PostMapping("/dead-letters/{id}/discard")
    public ResponseEntity<?> discardOne(@PathVariable long id, @RequestBody(required = false) Map<String, String> body,
                                        Principal who) {
        return answer(replay.discard(id, who.getName(), body == null ? null : body.get("reason")));
    }

    @PostMapping("/dead-letters/discard")
    public List<DeadLetterReplay.Outcome> discardMany(@RequestBody Ids ids, Principal who) {
        return requireIds(ids).stream().map(id -> replay.discard(id, who.getName(), ids.reason())).toList();
    }

    @GetMapping("/audit")
    public List<AuditLog.Entry> audit(@RequestParam(defaultValue = "100") int limit) {
        return audit.latest(Math.max(1, Math.min(limit, 1000)));
    }

    private static List<Long> requireIds(Ids ids) {
        if (ids == null || ids.ids() == null || ids.ids().isEmpty() || ids.ids().size() > 500) {
            throw new AdminRequestException("send {\"ids\": [1, 2, ...]} with 1 to 500 dead-letter ids");
        }
        return ids.ids();
    }

    private static ErrorClass errorClass(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ErrorClass.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AdminRequestException("errorClass must be one of " + List.of(ErrorClass.values()) + ", not " + value);
        }
    }

    private static ResponseEntity<?> answer(DeadLetterReplay.Outcome outcome) {
        return switch (outcome.result()) {
            case "not-found" -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, outcome.detail()));
            case "not-open", "not-replayable" -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, outcome.detail()));
            default -> ResponseEntity.ok(outcome);
        };
    }

    private static ResponseEntity<?> notFound(long id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no dead letter " + id));
    }
}
