package dev.actionbox.intake;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Caps the SMTP sessions one client address holds open at once, so that a client keeping
 * hundreds of idle connections cannot take every slot from other senders. A refused client
 * gets {@code 421 4.7.0} before the greeting, which every MTA treats as "try again later".
 *
 * <p>Sessions are tracked by identity and a closed socket no longer counts: if the library
 * ever skips {@link #onSessionEnd} on an unusual exit, the address is not locked out.
 */
final class ConnectionsPerAddress implements SessionHandler {

    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final int max;
    private final Map<InetAddress, Set<Session>> open = new HashMap<>();

    ConnectionsPerAddress(int max) {
        if (max < 1) {
            throw new IllegalArgumentException(
                    "ACTIONBOX_SMTP_MAX_PER_ADDRESS must be at least 1, was " + max);
        }
        this.max = max;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress address = session.getSocket().getInetAddress();
        synchronized (open) {
            Set<Session> sessions = open.computeIfAbsent(address, a -> new HashSet<>());
            sessions.removeIf(s -> s.getSocket().isClosed());
            if (sessions.size() >= max) {
                log.warn("SMTP connection refused: too many open from one address, address={} "
                        + "open={} limit={}; raise ACTIONBOX_SMTP_MAX_PER_ADDRESS if this "
                        + "sender is yours", address.getHostAddress(), sessions.size(), max);
                return SessionAcceptance.failure(421,
                        "4.7.0 Too many connections from your address, try again later");
            }
            sessions.add(session);
            return SessionAcceptance.success();
        }
    }

    @Override
    public void onSessionEnd(Session session) {
        InetAddress address = session.getSocket().getInetAddress();
        synchronized (open) {
            Set<Session> sessions = open.get(address);
            if (sessions != null) {
                sessions.remove(session);
                if (sessions.isEmpty()) {
                    open.remove(address);
                }
            }
        }
    }
}
