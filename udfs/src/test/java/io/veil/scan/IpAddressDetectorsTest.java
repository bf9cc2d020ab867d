package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressDetectorsTest {
  private final Ipv4AddressDetector ipv4 = new Ipv4AddressDetector();
  private final Ipv6AddressDetector ipv6 = new Ipv6AddressDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.1",
        "10.0.0.255",
        "0.0.0.0",
        "255.255.255.255",
        "198.51.100.7/24",
        " 203.0.113.9 "
      })
  void ipv4AcceptsDottedDecimal(String value) {
    assertTrue(ipv4.matches(value), value);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "256.1.1.1",
        "1.2.3",
        "1.2.3.4.5",
        "01.2.3.4",
        "1.2.3.04",
        "1..2.3",
        "1.2.3.",
        "a.b.c.d",
        "1.2.3.4/33",
        "1.2.3.4/",
        "192.168.1.1:80",
        "1,2,3,4",
        "１.２.３.４",
      })
  void ipv4RejectsOtherDottedText(String value) {
    assertFalse(ipv4.matches(value), value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2001:db8::1",
        "2001:0db8:0000:0000:0000:ff00:0042:8329",
        "2001:DB8:0:0:0:FF00:42:8329",
        "::",
        "::1",
        "fe80::1%eth0",
        "::ffff:192.0.2.128",
        "64:ff9b::192.0.2.33",
        "2001:db8::/32",
        "1:2:3:4:5:6:7::",
        "1:2:3:4:5:6::8",
      })
  void ipv6AcceptsRfc4291TextForms(String value) {
    assertTrue(ipv6.matches(value), value);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "2001:db8::1::1", // two compressions
        "2001:db8:1:2:3:4:5:6:7", // nine groups
        "1:2:3:4:5:6:7", // seven groups, no compression
        "12345::1",
        "2001:dg8::1",
        "12:30:45", // a time
        "00:1a:2b:3c:4d:5e", // a MAC address
        ":1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:",
        "::ffff:192.0.2.256",
        "2001:db8::/129",
        "fe80::1%",
        "dead:beef",
      })
  void ipv6RejectsMalformedAddresses(String value) {
    assertFalse(ipv6.matches(value), value);
  }
}
