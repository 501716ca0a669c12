package dev.actionbox.delivery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps webhooks away from the machine's own network: loopback, private, link-local (where
 * cloud metadata services live) and other non-public addresses are refused unless the operator
 * allowed them by host name or CIDR range ({@code ACTIONBOX_WEBHOOK_ALLOW}).
 */
public final class AddressGuard {

    private final List<String> allowedHosts = new ArrayList<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final Lookup lookup;

    /** How a host name becomes addresses; the system resolver outside tests. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] addressesOf(String host) throws UnknownHostException;
    }

    /** @param allowList comma-separated host names and CIDR ranges, may be empty */
    public AddressGuard(String allowList) {
        this(allowList, InetAddress::getAllByName);
    }

    AddressGuard(String allowList, Lookup lookup) {
        this.lookup = lookup;
        if (allowList == null) {
            return;
        }
        for (String entry : allowList.split(",")) {
            String item = entry.trim().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            if (item.contains("/")) {
                allowedRanges.add(Cidr.parse(item));
            } else {
                allowedHosts.add(item);
            }
        }
    }

    /**
     * The addresses to connect to for a host, all checked. The caller must connect to these and
     * not look the name up again, or a DNS answer that changes in between would get past.
     *
     * @throws BlockedAddressException when the host resolves to a non-public address that is
     *         not allowed
     * @throws UnknownHostException when it does not resolve
     */
    public List<InetAddress> check(String host) throws UnknownHostException {
        InetAddress[] addresses = lookup.addressesOf(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host + " has no address");
        }
        boolean hostAllowed = allowedHosts.contains(host.toLowerCase(Locale.ROOT));
        for (InetAddress address : addresses) {
            if (!hostAllowed && !isPublic(address) && !inAllowedRange(address)) {
                throw new BlockedAddressException(host + " resolves to " + address.getHostAddress()
                        + ", a private or local address; allow it with ACTIONBOX_WEBHOOK_ALLOW");
            }
        }
        return List.of(addresses);
    }

    private boolean inAllowedRange(InetAddress address) {
        return allowedRanges.stream().anyMatch(r -> r.contains(address));
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()
                || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        byte[] embedded = embeddedV4(b);
        if (embedded != null) {
            return isPublicV4(embedded);
        }
        boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
        boolean documentation = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01
                && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
        return !uniqueLocal && !documentation;
    }

    /**
     * IPv4 ranges that are not the public internet (RFC 6890): this network, carrier-grade
     * NAT, IETF protocol assignments (where some clouds put metadata services), documentation,
     * benchmarking, and the reserved and broadcast block.
     */
    private static boolean isPublicV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        int third = b[2] & 0xff;
        boolean thisNetwork = first == 0;
        boolean privateOrLocal = first == 10 || first == 127 || (first == 169 && second == 254)
                || (first == 172 && second >= 16 && second < 32)
                || (first == 192 && second == 168);
        boolean carrierNat = first == 100 && second >= 64 && second < 128;
        boolean ietf = first == 192 && second == 0 && third == 0;
        boolean documentation = (first == 192 && second == 0 && third == 2)
                || (first == 198 && second == 51 && third == 100)
                || (first == 203 && second == 0 && third == 113);
        boolean benchmarking = first == 198 && (second == 18 || second == 19);
        boolean reserved = first >= 224;
        return !(thisNetwork || privateOrLocal || carrierNat || ietf || documentation
                || benchmarking || reserved);
    }

    /**
     * The IPv4 address inside an IPv6 one that carries it, so that {@code ::ffff:127.0.0.1},
     * {@code ::127.0.0.1}, NAT64 {@code 64:ff9b::/96} and 6to4 {@code 2002::/16} forms are
     * judged by the IPv4 address they reach; null for other IPv6 addresses.
     */
    static byte[] embeddedV4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b;
        if (mapped || compatible || nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        boolean sixToFour = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02;
        if (sixToFour) {
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }

    /** Thrown when a webhook would reach a non-public address that is not allowed. */
    public static final class BlockedAddressException extends RuntimeException {
        public BlockedAddressException(String message) {
            super(message);
        }
    }

    private record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String[] parts = text.split("/");
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = Integer.parseInt(parts[1]);
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException | RuntimeException e) {
                throw new IllegalArgumentException("ACTIONBOX_WEBHOOK_ALLOW has an invalid range '"
                        + text + "'; write it like 127.0.0.1/32 or 10.0.0.0/8", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }
}
