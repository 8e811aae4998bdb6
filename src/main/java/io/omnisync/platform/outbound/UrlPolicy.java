package io.omnisync.platform.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where omnisync may send a request (server-side request forgery defence): http or https only, a host on
 * {@code omnisync.outbound.allowed-hosts} when that lists any, no IP address written in decimal, hex or octal
 * ({@code http://2130706433/}, {@code http://0x7f.1/}), and, unless {@code allow-private-networks} is on, no address in
 * a private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), loopback, link-local (169.254/16 with the cloud metadata
 * address, fe80::/10), unspecified, broadcast or multicast range, judged on every address the host name resolves to.
 */
public final class UrlPolicy {

    /** Resolves a host name to all its addresses; tests pass one whose answers change (DNS rebinding). */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final String NUMBER = "(0x[0-9a-f]*|[0-9]+)";
    private static final Pattern NUMERIC_HOST = Pattern.compile(NUMBER + "(\\." + NUMBER + "){0,3}\\.?");
    private static final Pattern DOTTED_QUAD = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

    private final boolean allowPrivateNetworks;
    private final List<String> allowedHosts;
    private final Resolver resolver;

    public UrlPolicy(boolean allowPrivateNetworks, List<String> allowedHosts, Resolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.resolver = resolver;
    }

    /**
     * Why a configured URL may not be called, or empty when it may. The host is resolved too; a name that does not
     * resolve now is accepted here (the network may come later) and judged again at every request.
     */
    public Optional<String> refusalOfConfigured(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL: must be an absolute http(s) URL such as https://shop.example.com");
        }
        return refusalOfRequest(uri);
    }

    /** Why a request to {@code uri} may not be sent, after resolving its host now; empty when it may. */
    public Optional<String> refusalOfRequest(URI uri) {
        Optional<String> refusal = refusalOfName(uri);
        if (refusal.isPresent()) {
            return refusal;
        }
        try {
            return refusalOfAddresses(host(uri), resolver.resolve(host(uri)));
        } catch (UnknownHostException e) {
            return Optional.empty(); // the client's own resolution fails the same way, as a CONNECTION failure
        }
    }

    /** Whether calls may go to private networks (the sandbox, a downstream inside your own network). */
    public boolean allowsPrivateNetworks() {
        return allowPrivateNetworks;
    }

    private Optional<String> refusalOfName(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("uses " + (scheme.isEmpty() ? "no scheme" : "the scheme " + scheme)
                    + ": omnisync calls http and https URLs only");
        }
        String host = host(uri);
        if (host == null || host.isEmpty()) {
            return Optional.of("has no host: must be an absolute http(s) URL such as https://shop.example.com");
        }
        if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return Optional.of("names the host " + host + ", an IP address in decimal, hex or octal spelling: write "
                    + "the host name (or the address as four decimal numbers)");
        }
        if (!allowedHosts.isEmpty() && allowedHosts.stream().noneMatch(allowed -> matches(allowed, host))) {
            return Optional.of("names the host " + host + ", which is not on omnisync.outbound.allowed-hosts: add it "
                    + "there if omnisync should call it");
        }
        return Optional.empty();
    }

    private Optional<String> refusalOfAddresses(String host, InetAddress[] addresses) {
        if (allowPrivateNetworks) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            String range = blockedRange(address);
            if (range != null) {
                String shown = address.getHostAddress();
                return Optional.of((shown.equalsIgnoreCase(host) ? "is " : "names the host " + host + ", which resolves to ")
                        + shown + ", " + range + " address: omnisync refuses private, loopback, link-local, unspecified "
                        + "and multicast addresses unless omnisync.outbound.allow-private-networks=true (set it only for "
                        + "the sandbox or a downstream inside your own network)");
            }
        }
        return Optional.empty();
    }

    /** The kind of range an address lies in when it is one omnisync does not call by default; null for public ones. */
    static String blockedRange(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean embedsV4 = isZero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff));
            if (embedsV4 && !isZero(b, 12, 16)) {
                try {
                    return blockedRange(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return "an unreadable";
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "a private (unique local, fc00::/7)";
            }
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local (cloud metadata services live at 169.254.169.254)";
        }
        if (address.isSiteLocalAddress()) {
            return "a private";
        }
        if (address.isMulticastAddress()) {
            return "a multicast";
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "an unspecified (0.0.0.0/8)";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "a private (carrier-grade NAT, 100.64/10)";
            }
            if (first == 255 && (b[1] & b[2] & b[3] & 0xff) == 0xff) {
                return "a broadcast";
            }
        }
        return null;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String allowed, String host) {
        if (allowed.startsWith("*.")) {
            return host.endsWith(allowed.substring(1));
        }
        return host.equals(allowed);
    }

    /** The URI's host in lower case, without IPv6 brackets or a trailing dot; null when it has none. */
    private static String host(URI uri) {
        String host = uri.getHost();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI gives no host for names whose last label starts with a digit (http://0x7f.1/)
            host = uri.getRawAuthority().replaceFirst("^[^@]*@", "").replaceFirst(":[0-9]*$", "");
        }
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
