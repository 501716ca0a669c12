package dev.actionbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals only: nothing here resolves a name or opens a connection. */
class AddressGuardTest {

    private final AddressGuard guard = new AddressGuard("");

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "0.0.0.0", "192.0.0.170", "192.0.2.1",
        "198.18.0.1", "198.51.100.7", "203.0.113.9", "240.0.0.1", "255.255.255.255",
        "::1", "::", "fc00::1", "fe80::1", "::ffff:127.0.0.1", "::127.0.0.1",
        "::a9fe:a9fe", "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "2002:a9fe:a9fe::",
        "2001:db8::1"})
    void check_nonPublicAddressLiteral_isRefused(String literal) {
        assertThatThrownBy(() -> guard.check(literal))
                .isInstanceOf(AddressGuard.BlockedAddressException.class)
                .hasMessageContaining("ACTIONBOX_WEBHOOK_ALLOW");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111",
        "64:ff9b::808:808"})
    void check_publicAddressLiteral_isAllowed(String literal) throws UnknownHostException {
        assertThat(guard.check(literal)).containsExactly(InetAddress.getByName(literal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::ffff:127.0.0.1"})
    void check_allowedRange_letsLoopbackThrough(String literal) throws UnknownHostException {
        assertThat(new AddressGuard("127.0.0.1/32").check(literal)).hasSize(1);
    }
}
