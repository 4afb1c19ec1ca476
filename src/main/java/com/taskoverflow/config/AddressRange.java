package com.taskoverflow.config;

import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.List;

/**
 * An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code ::1}), as a setting names trusted
 * peers. Only literals: nothing is looked up in DNS.
 */
public record AddressRange(byte[] network, int prefix) {

  /** Parses one address or block; a bad one is a configuration error naming the setting. */
  public static AddressRange parse(String text, String setting) {
    String[] parts = text.trim().split("/", -1);
    byte[] address = NetUtil.createByteArrayFromIpAddressString(parts[0].replace("[", "").replace("]", ""));
    if (address == null || parts.length > 2) {
      throw new IllegalArgumentException(setting + ": '" + text + "' is not an IP address or CIDR block");
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (parts.length == 2) {
      try {
        prefix = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException(setting + ": '" + text + "' has a prefix outside 0-" + bits);
      }
    }
    return new AddressRange(address, prefix);
  }

  /** Comma-separated ranges; empty text, none. */
  public static List<AddressRange> parseAll(String text, String setting) {
    return Arrays.stream(text == null ? new String[0] : text.split(","))
        .map(String::trim).filter(part -> !part.isEmpty())
        .map(part -> parse(part, setting)).toList();
  }

  /** Whether the address (as its bytes) lies in this range. IPv4 and IPv6 never match each other. */
  public boolean contains(byte[] address) {
    if (address == null || address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }
}
