package io.logdex.transforms;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a local path from a URL. Outputs are written with java.nio, which reads {@code
 * s3://bucket/idx} as the relative path {@code s3:/bucket/idx}: without this check a build "into
 * S3" made a local folder named after the URL and reported success.
 */
public final class LocalOutput {
  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):(//.*)?$", Pattern.DOTALL);

  private LocalOutput() {}

  /**
   * The URL scheme of a location ({@code s3}, {@code gs}, {@code hdfs}, {@code file}...), or null
   * for a plain path.
   */
  public static String schemeOf(String location) {
    Matcher m = SCHEME.matcher(location);
    return location.contains("://") && m.matches() ? m.group(1) : null;
  }
}
