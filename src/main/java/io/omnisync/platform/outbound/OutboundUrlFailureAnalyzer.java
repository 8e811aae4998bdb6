package io.omnisync.platform.outbound;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused outbound URL into the same start-up message as any other wrong property. */
public class OutboundUrlFailureAnalyzer extends AbstractFailureAnalyzer<OutboundUrlRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, OutboundUrlRefusedException cause) {
        String description = "omnisync cannot start: its configuration is wrong.\n\n  " + cause.property() + " = '"
                + cause.shownUrl() + "'\n    " + cause.reason();
        String action = "Set " + cause.property() + " to the public http(s) URL of the system omnisync should call, "
                + "or change omnisync.outbound.allowed-hosts / omnisync.outbound.allow-private-networks if the URL is "
                + "right, then start again. The README's \"Outbound calls\" section says what is refused and why.";
        return new FailureAnalysis(description, action, cause);
    }
}
