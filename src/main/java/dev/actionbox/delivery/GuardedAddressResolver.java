package dev.actionbox.delivery;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The only way the webhook client learns where a host lives: through the guard, so the address
 * it connects to is the address that was checked. Looking the name up a second time would let a
 * DNS answer that changes between check and connect (DNS rebinding) reach the local network.
 */
final class GuardedAddressResolver implements SocketAddressResolver {

    private final AddressGuard guard;

    GuardedAddressResolver(AddressGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void resolve(String host, int port, Promise<List<InetSocketAddress>> promise) {
        List<InetSocketAddress> addresses;
        try {
            addresses = guard.check(host).stream()
                    .map(address -> new InetSocketAddress(address, port))
                    .toList();
        } catch (UnknownHostException | RuntimeException e) {
            promise.failed(e);
            return;
        }
        promise.succeeded(addresses);
    }
}
