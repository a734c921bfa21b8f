package dev.custos.events.image;

import dev.custos.events.image.InvalidImageReferenceException.Part;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation and canonical form of registry hosts, with their optional port. */
final class RegistryHosts {
  static final String DOCKER_HUB = "docker.io";

  /**
   * Other host names of Docker Hub: {@code index.docker.io}, the legacy domain that the
   * distribution reference library also normalises to docker.io, and {@code registry-1.docker.io},
   * the host that serves the registry API.
   */
  private static final Set<String> DOCKER_HUB_ALIASES =
      Set.of("index.docker.io", "registry-1.docker.io");

  /** DNS label as the distribution reference grammar defines it, before lowercasing. */
  private static final Pattern DOMAIN_LABEL =
      Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");

  private static final Pattern IPV4_ADDRESS = Pattern.compile("[0-9]+(?:\\.[0-9]+){3}");
  private static final Pattern IPV6_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
  private static final int IPV6_GROUP_COUNT = 8;
  private static final int MAX_PORT = 65535;

  private RegistryHosts() {}

  /**
   * Returns whether the first path component of a reference names a registry host. As in the
   * distribution reference grammar, it does when it contains {@code .} or {@code :} or is {@code
   * localhost}, so {@code library/nginx} has no host and {@code localhost/nginx} has one.
   */
  static boolean isHost(String component) {
    return component.indexOf('.') >= 0
        || component.indexOf(':') >= 0
        || component.equalsIgnoreCase("localhost");
  }

  /**
   * Validates {@code host} and returns its canonical form. The canonical form is lowercase, has
   * IPv6 addresses in RFC 5952 form and maps the Docker Hub aliases to {@value #DOCKER_HUB}.
   *
   * @throws InvalidImageReferenceException with part {@link Part#HOST} if the host is invalid
   */
  static String canonicalize(String host) {
    if (host == null) {
      throw invalid(null, "a registry host is required, got null");
    }
    if (host.isEmpty()) {
      throw invalid(host, "missing registry host");
    }

    String canonical;
    if (host.startsWith("[")) {
      canonical = canonicalizeBracketedIpv6(host);
    } else {
      canonical = canonicalizeNamedHost(host);
    }

    if (DOCKER_HUB_ALIASES.contains(canonical)) {
      return DOCKER_HUB;
    }
    return canonical;
  }

  private static String canonicalizeNamedHost(String host) {
    int colon = host.indexOf(':');
    if (colon != host.lastIndexOf(':')) {
      throw invalid(host, "IPv6 addresses must be in brackets, e.g. [::1]:5000");
    }

    String name = colon < 0 ? host : host.substring(0, colon);
    validateHostName(name, host);
    String canonicalName = toAsciiLowerCase(name);
    if (colon < 0) {
      return canonicalName;
    }
    return canonicalName + ":" + validatePort(host.substring(colon + 1), host);
  }

  private static void validateHostName(String name, String host) {
    if (name.isEmpty()) {
      throw invalid(host, "missing host name before the port");
    }

    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      if (!DOMAIN_LABEL.matcher(label).matches()) {
        throw invalid(
            host,
            "host label "
                + InvalidImageReferenceException.quote(label)
                + " is invalid. Labels contain ASCII letters, digits and '-'"
                + " and start and end with a letter or digit");
      }
    }

    if (IPV4_ADDRESS.matcher(name).matches()) {
      for (String octet : labels) {
        if (octet.length() > 3 || Integer.parseInt(octet) > 255 || isZeroPadded(octet)) {
          throw invalid(
              host, "IPv4 octets are decimal numbers from 0 to 255 without leading zeros");
        }
      }
    }
  }

  private static String validatePort(String port, String host) {
    if (port.isEmpty()) {
      throw invalid(host, "missing port after \":\"");
    }

    boolean digitsOnly = port.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digitsOnly
        || port.length() > 5
        || isZeroPadded(port)
        || Integer.parseInt(port) == 0
        || Integer.parseInt(port) > MAX_PORT) {
      throw invalid(host, "the port must be a number from 1 to 65535 without leading zeros");
    }
    return port;
  }

  private static String canonicalizeBracketedIpv6(String host) {
    int close = host.indexOf(']');
    if (close < 0) {
      throw invalid(host, "missing \"]\" after the IPv6 address");
    }

    String address = formatIpv6(parseIpv6(host.substring(1, close), host));
    String rest = host.substring(close + 1);
    if (rest.isEmpty()) {
      return "[" + address + "]";
    }
    if (rest.charAt(0) != ':') {
      throw invalid(host, "only a port may follow \"]\", e.g. [::1]:5000");
    }
    return "[" + address + "]:" + validatePort(rest.substring(1), host);
  }

  /**
   * Parses the text between the brackets into eight 16-bit groups. Only the hex form is accepted,
   * because the distribution grammar allows neither a dotted IPv4 tail nor a zone index.
   */
  private static int[] parseIpv6(String address, String host) {
    int doubleColon = address.indexOf("::");
    if (doubleColon >= 0 && doubleColon != address.lastIndexOf("::")) {
      throw invalid(host, "an IPv6 address may contain \"::\" only once");
    }

    String head = doubleColon < 0 ? address : address.substring(0, doubleColon);
    String tail = doubleColon < 0 ? "" : address.substring(doubleColon + 2);
    int[] headGroups = parseIpv6Groups(head, host);
    int[] tailGroups = parseIpv6Groups(tail, host);

    int groupCount = headGroups.length + tailGroups.length;
    boolean complete =
        doubleColon < 0 ? groupCount == IPV6_GROUP_COUNT : groupCount < IPV6_GROUP_COUNT;
    if (!complete) {
      throw invalid(
          host, "an IPv6 address has eight 16-bit groups, or fewer with \"::\" in place of zeros");
    }

    int[] groups = new int[IPV6_GROUP_COUNT];
    System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
    System.arraycopy(
        tailGroups, 0, groups, IPV6_GROUP_COUNT - tailGroups.length, tailGroups.length);
    return groups;
  }

  private static int[] parseIpv6Groups(String text, String host) {
    if (text.isEmpty()) {
      return new int[0];
    }

    String[] parts = text.split(":", -1);
    int[] groups = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!IPV6_GROUP.matcher(parts[i]).matches()) {
        throw invalid(
            host,
            "IPv6 group "
                + InvalidImageReferenceException.quote(parts[i])
                + " is invalid. Groups are one to four hex digits");
      }
      groups[i] = Integer.parseInt(parts[i], 16);
    }
    return groups;
  }

  /**
   * Formats an address as RFC 5952 section 4 recommends: lowercase hex without leading zeros, and
   * the first longest run of two or more zero groups replaced by {@code ::}.
   */
  private static String formatIpv6(int[] groups) {
    int bestStart = -1;
    int bestLength = 1;
    for (int start = 0; start < groups.length; start++) {
      int length = 0;
      while (start + length < groups.length && groups[start + length] == 0) {
        length++;
      }
      if (length > bestLength) {
        bestStart = start;
        bestLength = length;
      }
    }

    StringBuilder formatted = new StringBuilder();
    for (int i = 0; i < groups.length; i++) {
      if (i == bestStart) {
        formatted.append("::");
        i += bestLength - 1;
        continue;
      }
      if (formatted.length() > 0 && formatted.charAt(formatted.length() - 1) != ':') {
        formatted.append(':');
      }
      formatted.append(Integer.toHexString(groups[i]));
    }
    return formatted.toString();
  }

  private static boolean isZeroPadded(String digits) {
    return digits.length() > 1 && digits.charAt(0) == '0';
  }

  /**
   * Lowercases ASCII letters only. {@link String#toLowerCase} would also map look-alikes such as
   * the Kelvin sign U+212A to {@code k}, turning an invalid host into a valid one.
   */
  static String toAsciiLowerCase(String text) {
    StringBuilder lower = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return lower.toString();
  }

  private static InvalidImageReferenceException invalid(String host, String rule) {
    return new InvalidImageReferenceException(Part.HOST, host, null, rule);
  }
}
