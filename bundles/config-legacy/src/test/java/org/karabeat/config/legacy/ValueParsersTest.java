package org.karabeat.config.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.Test;

/** The small readers behind the parsers: booleans, numbers, words, addresses, names. */
public class ValueParsersTest {

    @Test
    public void booleansAsClStrToBoolean() {
        for (String t : List.of("true", "on", "yes", "y", "1", "TRUE", "On", "YES", "Y")) {
            assertEquals(t, Optional.of(true), BooleanValue.parse(t));
        }
        for (String f : List.of("false", "off", "no", "n", "0", "FALSE", "Off", "NO", "N")) {
            assertEquals(f, Optional.of(false), BooleanValue.parse(f));
        }
        for (String bad : List.of("", "tru", "2", "enabled", "oui", "yes!")) {
            assertEquals(bad, Optional.empty(), BooleanValue.parse(bad));
        }
    }

    @Test
    public void wholeNumbers() {
        assertEquals(694, (int) WholeNumber.parse("694", 1, 65535).value());
        assertEquals(0, (int) WholeNumber.parse("0", 0, 255).value());
        assertEquals("value 70000 is out of range: expected a whole number from 1 to 65535",
                WholeNumber.parse("70000", 1, 65535).error());
        assertEquals("invalid value '12ms': expected a whole number from 1 to 2147483647",
                WholeNumber.parse("12ms", 1, Integer.MAX_VALUE).error());
        assertFalse(WholeNumber.parse("99999999999", 0, 255).isOk());
        assertFalse(WholeNumber.parse("", 0, 255).isOk());
    }

    @Test
    public void optionValuesAreSplitOnBlanksAndCommas() {
        assertEquals(List.of("hb1", "hb2", "hb3", "hb4"), Words.split("hb1,hb2  hb3\t,\fhb4,", Words.DELIMS));
        assertEquals(List.of("a,b", "c"), Words.split(" a,b \t c ", Words.WHITESPACE));
        assertEquals(List.of(), Words.split(" ,, ", Words.DELIMS));
    }

    @Test
    public void lowerCaseIsAsciiOnly() {
        assertEquals("hb1-élan", Words.asciiLower("HB1-élan"));
        assertEquals("hbi", Words.asciiLower("HBI")); // no Turkish dotless i, whatever the locale
        assertEquals("HB1-ÉLAN".length(), Words.asciiLower("HB1-ÉLAN").length());
        assertTrue(Words.asciiLower("É").equals("É"));
    }

    @Test
    public void ipv4() {
        assertEquals("192.168.0.200", Ipv4.format(Ipv4.parse("192.168.0.200").value()));
        assertTrue(Ipv4.isMulticast(Ipv4.parse("239.0.0.1").value()));
        assertFalse(Ipv4.isMulticast(Ipv4.parse("192.168.0.255").value()));
        assertEquals(24, Ipv4.prefixLength(Ipv4.parse("255.255.255.0").value()));
        assertEquals(-1, Ipv4.prefixLength(Ipv4.parse("255.0.255.0").value()));
        assertTrue(Ipv4.parse("192.168.000.1").error().contains("leading zero"));
        assertTrue(Ipv4.parse("1.2.3.256").error().contains("more than 255"));
        assertFalse(Ipv4.parse("1.2.3").isOk());
        assertFalse(Ipv4.parse("1.2.3.4.5").isOk());
        assertTrue(Ipv4.isUnusableForAHost(Ipv4.parse("255.255.255.255").value()));
        assertTrue(Ipv4.isUnusableForAHost(Ipv4.parse("0.1.2.3").value()));
    }

    @Test
    public void namesOfHostsAndInterfaces() {
        assertTrue(NetNames.isHostName("hb2"));
        assertTrue(NetNames.isHostName("hb2.example.com"));
        assertFalse(NetNames.isHostName("-hb2"));
        assertFalse(NetNames.isHostName("hb2..example"));
        assertFalse(NetNames.isHostName("192.168.0.1"));
        assertTrue(NetNames.isInterfaceName("ens160"));
        assertTrue(NetNames.isInterfaceName("eth0.100"));
        assertTrue(NetNames.isInterfaceName("eth0:1"));
        assertFalse(NetNames.isInterfaceName("averyveryverylongname"));
        assertFalse(NetNames.isInterfaceName("eth/0"));
        assertEquals("eth0", NetNames.baseInterface("eth0:1"));
    }

    @Test
    public void ipv6LiteralsAreRecognisedWithoutNameLookups() {
        assertTrue(MediaLines.isIpv6Literal("fe80::1%eth0"));
        assertTrue(MediaLines.isIpv6Literal("2001:db8::2"));
        assertFalse(MediaLines.isIpv6Literal("1:2:3"));
        assertFalse(MediaLines.isIpv6Literal("hb2"));
        assertFalse(MediaLines.isIpv6Literal("192.168.0.1"));
    }

    @Test
    public void syslogFacilities() {
        assertTrue(SyslogFacility.logsToSyslog("daemon"));
        assertTrue(SyslogFacility.logsToSyslog("local7"));
        assertFalse(SyslogFacility.logsToSyslog("none"));
        assertFalse(SyslogFacility.logsToSyslog("kern"));
        assertTrue(SyslogFacility.isKnown("none"));
        assertFalse(SyslogFacility.isKnown("LOCAL0"));
        assertFalse(SyslogFacility.isKnown("local8"));
    }

    @Test
    public void durationsForPeople() {
        assertEquals("10 s", Durations.human(10000));
        assertEquals("1500 ms", Durations.human(1500));
        assertEquals("0 s", Durations.human(0));
    }
}
