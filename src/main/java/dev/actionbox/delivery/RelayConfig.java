package dev.actionbox.delivery;

/**
 * The SMTP relay drafts are sent through.
 *
 * @param hostPort {@code host:port}, or null when sending is not configured
 * @param tls whether to require STARTTLS
 */
public record RelayConfig(String hostPort, String user, String password, boolean tls,
        String fromAddress) {

    public boolean configured() {
        return hostPort != null && !hostPort.isBlank();
    }

    String host() {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    int port() {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? 25 : Integer.parseInt(hostPort.substring(colon + 1));
    }
}
