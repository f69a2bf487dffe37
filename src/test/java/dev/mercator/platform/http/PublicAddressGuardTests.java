package dev.mercator.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicAddressGuardTests {

    private static String url(String literal) {
        return "https://" + (literal.contains(":") ? "[" + literal + "]" : literal) + "/hook";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3", // unspecified, "this network"
                "127.0.0.1",
                "127.255.255.254", // loopback
                "10.0.0.1",
                "10.255.255.255", // private
                "172.16.0.1",
                "172.31.255.255", // private
                "192.168.0.1",
                "192.168.255.255", // private
                "100.64.0.1",
                "100.127.255.255", // CGNAT
                "169.254.0.1",
                "169.254.169.254", // link-local, metadata
                "192.0.0.1",
                "192.0.2.1",
                "198.18.0.1",
                "198.19.255.255",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255", // multicast, reserved, broadcast
                "::",
                "::1", // unspecified, loopback
                "fe80::1",
                "febf::1", // link-local
                "fec0::1", // site-local
                "fc00::1",
                "fd12:3456::1",
                "fd00:ec2::254", // unique local, AWS metadata
                "ff02::1", // multicast
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::ffff:169.254.169.254", // IPv4-mapped
                "::127.0.0.1",
                "::10.1.2.3", // IPv4-compatible
                "64:ff9b::a00:1",
                "64:ff9b::7f00:1", // NAT64 of 10.0.0.1, 127.0.0.1
                "2002:a00:1::1",
                "2002:7f00:1::", // 6to4 of 10.0.0.1, 127.0.0.1
                "2001:db8::1",
                "2001:0:4136:e378::1",
                "100::1" // documentation, Teredo, discard
            })
    void refusesEveryNonPublicRange(String literal) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);

        assertThat(PublicAddressGuard.isPublic(address)).as(literal).isFalse();
        assertThat(PublicAddressGuard.LIVE.refusal(url(literal)))
                .as(literal)
                .hasValueSatisfying(why -> assertThat(why).startsWith("resolves to a non-public address"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.215.14",
                "172.15.255.255",
                "172.32.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "169.253.1.1",
                "192.167.1.1",
                "223.255.255.254",
                "2606:4700:4700::1111",
                "2a00:1450:4001::1",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:808:808::1"
            })
    void allowsPublicAddresses(String literal) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);

        assertThat(PublicAddressGuard.isPublic(address)).as(literal).isTrue();
        assertThat(PublicAddressGuard.LIVE.refusal(url(literal))).as(literal).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost/hook", // a name that resolves to loopback
                "http://LOCALHOST:8080/hook",
                "http://127.1/hook", // short form of 127.0.0.1
                "http://2130706433/hook", // 127.0.0.1 as one number
                "http://[::ffff:7f00:1]/hook", // mapped, in hex
                "http://0.0.0.0:8080/hook"
            })
    void refusesOtherSpellingsAndNamesOfPrivateAddresses(String url) {
        assertThat(PublicAddressGuard.LIVE.refusal(url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/hook",
                "file:///etc/passwd",
                "gopher://example.com/",
                "javascript:alert(1)",
                "//example.com/hook",
                "https://user:pass@example.com/hook",
                "not a url",
                "https:///nohost"
            })
    void refusesWhatIsNotAnAbsoluteHttpUrlToAHost(String url) {
        assertThat(PublicAddressGuard.LIVE.refusal(url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"http://localhost/hook", "http://127.0.0.1:8080/sandbox/webhook-receiver/x", "http://[::1]/"})
    void sandboxModeAllowsLoopbackOnly(String url) {
        assertThat(PublicAddressGuard.SANDBOX.refusal(url)).as(url).isEmpty();
        assertThat(PublicAddressGuard.SANDBOX.refusal("http://169.254.169.254/latest"))
                .isPresent();
        assertThat(PublicAddressGuard.SANDBOX.refusal("http://10.0.0.1/")).isPresent();
    }
}
