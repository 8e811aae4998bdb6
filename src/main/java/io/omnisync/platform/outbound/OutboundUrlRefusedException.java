package io.omnisync.platform.outbound;

/** A configured outbound URL the URL policy refuses; stops start-up, naming the property. */
public class OutboundUrlRefusedException extends IllegalStateException {

    private final String property;
    private final String shownUrl;
    private final String reason;

    public OutboundUrlRefusedException(String property, String url, String reason) {
        super(property + " = '" + shown(url) + "' " + reason);
        this.property = property;
        this.shownUrl = shown(url);
        this.reason = reason;
    }

    public String property() {
        return property;
    }

    public String shownUrl() {
        return shownUrl;
    }

    public String reason() {
        return reason;
    }

    /** The URL without user info, query or fragment, which may hold credentials. */
    static String shown(String url) {
        if (url == null) {
            return "";
        }
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1").replaceFirst("[?#].*$", "");
    }
}
