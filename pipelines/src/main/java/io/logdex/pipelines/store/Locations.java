package io.logdex.pipelines.store;

import java.util.Locale;
import java.util.Set;

/**
 * Tells a URL from a local path, and names the store options every command accepts. Free of
 * Beam's, the AWS SDK's and Hadoop's classes, so a command on local paths loads none of them.
 */
public final class Locations {
  /** The AWS and Hadoop options every command accepts besides its own (Beam's names). */
  public static final Set<String> OPTION_NAMES =
      Set.of("awsRegion", "endpoint", "awsCredentialsProvider", "hdfsConfiguration");

  private Locations() {}

  /** The scheme of a URL ({@code s3}), or null for a plain path (a {@code file://} URL included). */
  public static String schemeOf(String location) {
    int i = location.indexOf("://");
    if (i <= 0) return null;
    String s = location.substring(0, i);
    if (!s.matches("[a-zA-Z][a-zA-Z0-9+.-]*")) return null;
    return s.equalsIgnoreCase("file") ? null : s.toLowerCase(Locale.ROOT);
  }
}
