package dev.mercator.platform.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps requests to URLs that someone outside gave us (a merchant's webhook) away from our own network: no loopback,
 * link-local (cloud metadata at {@code 169.254.169.254} and {@code fd00:ec2::254} included), private, shared (CGNAT),
 * unspecified, multicast, reserved or documentation address, nor any IPv6 form that embeds one (IPv4-mapped,
 * IPv4-compatible, NAT64, 6to4). Addresses are judged after resolution, so a name that resolves to {@code 127.0.0.1}
 * ({@code localhost}, a rebinding domain) and the odd spellings of an address ({@code 0x7f.1}, {@code 2130706433}) are
 * refused like the address itself.
 *
 * <p>Checked twice: when the URL is given ({@link #refusal}) and when connecting ({@link #resolve}, the DNS resolver of
 * the pinned client {@link OutboundHttp#guardedClient} builds), so a name that resolved to a public address at creation
 * and to a private one later (DNS rebinding) is refused on the connection itself: the address connected to is the one
 * that was checked.
 *
 * @param allowLoopback whether loopback is allowed: in sandbox mode, where the simulators are this very server
 */
public record PublicAddressGuard(boolean allowLoopback) {

    /** The guard of live mode: public addresses only. */
    public static final PublicAddressGuard LIVE = new PublicAddressGuard(false);

    /** The guard of sandbox mode: public addresses and this machine's loopback, where the simulators listen. */
    public static final PublicAddressGuard SANDBOX = new PublicAddressGuard(true);

    /** A host that resolved to an address the guard refuses: the connection is never attempted. */
    public static final class RefusedAddress extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        private final String reason;

        RefusedAddress(String reason) {
            super(reason);
            this.reason = reason;
        }

        /** Why, naming the address: {@code resolves to a non-public address (127.0.0.1)}. */
        public String reason() {
            return reason;
        }
    }

    /** Why {@code url} may not be called, or empty when it may: not http(s), no host, unresolvable, or not public. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException malformed) {
            return Optional.of("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of("must name a host, without user information");
        }
        try {
            resolve(uri.getHost());
            return Optional.empty();
        } catch (RefusedAddress refused) {
            return Optional.of(refused.reason());
        } catch (UnknownHostException unknown) {
            return Optional.of("host does not resolve");
        }
    }

    /**
     * Every address of {@code host}, all of which the guard allows; refused whole if any one is not, since a client may
     * connect to any of them.
     */
    public InetAddress[] resolve(String host) throws UnknownHostException, RefusedAddress {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(bare);
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                throw new RefusedAddress("resolves to a non-public address (" + address.getHostAddress() + ")");
            }
        }
        return addresses;
    }

    /** Whether a connection to this one address is allowed. */
    public boolean allowed(InetAddress address) {
        if (allowLoopback && address.isLoopbackAddress()) {
            return true;
        }
        return isPublic(address);
    }

    /** Whether an address is reachable on the public internet and is none of the special ranges above. */
    public static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(bytes);
        }
        if (address instanceof Inet6Address) {
            return isPublicV6(bytes);
        }
        return false;
    }

    private static boolean isPublicV4(byte[] a) {
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        int third = a[2] & 0xff;
        return !(first == 0 // "this network", 0.0.0.0 included
                || first == 10 // private
                || first == 127 // loopback
                || (first == 100 && second >= 64 && second <= 127) // shared address space (CGNAT)
                || (first == 169 && second == 254) // link-local, cloud metadata
                || (first == 172 && second >= 16 && second <= 31) // private
                || (first == 192 && second == 168) // private
                || (first == 192 && second == 0 && third == 0) // IETF protocol assignments
                || (first == 192 && second == 0 && third == 2) // documentation
                || (first == 198 && (second == 18 || second == 19)) // benchmarking
                || (first == 198 && second == 51 && third == 100) // documentation
                || (first == 203 && second == 0 && third == 113) // documentation
                || first >= 224); // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] a) {
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        if (allZero(a, 0, 10)) {
            // ::, ::1, IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d): judged by the IPv4 inside, or
            // refused when there is none. (The JDK already turns most mapped forms into IPv4 addresses.)
            boolean mapped = (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
            boolean compatible = a[10] == 0 && a[11] == 0;
            if ((mapped || compatible) && !allZero(a, 12, 16) && !(compatible && allZero(a, 12, 15))) {
                return isPublicV4(embeddedV4(a, 12));
            }
            return false;
        }
        if (first == 0x00 && second == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b) {
            return isPublicV4(embeddedV4(a, 12)); // NAT64 64:ff9b::/96
        }
        if (first == 0x20 && second == 0x02) {
            return isPublicV4(embeddedV4(a, 2)); // 6to4 2002::/16
        }
        if (first == 0x20 && second == 0x01 && a[2] == 0x0d && (a[3] & 0xff) == 0xb8) {
            return false; // documentation 2001:db8::/32
        }
        if (first == 0x20 && second == 0x01 && a[2] == 0 && a[3] == 0) {
            return false; // Teredo 2001::/32: the IPv4 inside is obfuscated, so it cannot be judged
        }
        if (first == 0x01 && second == 0x00 && allZero(a, 2, 8)) {
            return false; // discard-only 100::/64
        }
        return !((first & 0xfe) == 0xfc // unique local fc00::/7 (fd00:ec2::254, AWS metadata, included)
                || (first == 0xfe && (second & 0xc0) == 0x80) // link-local fe80::/10
                || (first == 0xfe && (second & 0xc0) == 0xc0) // site-local fec0::/10 (deprecated)
                || first == 0xff); // multicast
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] embeddedV4(byte[] bytes, int offset) {
        return new byte[] {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]};
    }
}
