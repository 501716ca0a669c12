package dev.actionbox.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
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

    /** @param allowList comma-separated host names and CIDR ranges, may be empty */
    public AddressGuard(String allowList) {
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
     * The address to connect to for a host, checked.
     *
     * @throws BlockedAddressException when the host resolves to a non-public address that is
     *         not allowed
     * @throws UnknownHostException when it does not resolve
     */
    public InetAddress check(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        boolean hostAllowed = allowedHosts.contains(host.toLowerCase(Locale.ROOT));
        for (InetAddress address : addresses) {
            if (!hostAllowed && !isPublic(address) && !inAllowedRange(address)) {
                throw new BlockedAddressException(host + " resolves to " + address.getHostAddress()
                        + ", a private or local address; allow it with ACTIONBOX_WEBHOOK_ALLOW");
            }
        }
        return addresses[0];
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
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean carrierNat = first == 100 && second >= 64 && second < 128;
            boolean reserved = first == 0 || first >= 240;
            return !carrierNat && !reserved;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            return !uniqueLocal;
        }
        return true;
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
