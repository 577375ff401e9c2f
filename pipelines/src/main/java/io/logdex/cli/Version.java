package io.logdex.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.beam.sdk.util.ReleaseInfo;

/**
 * What {@code logdex --version} prints: logdex's version (the Maven project version, written into
 * version.properties when the jar is built), the Apache Beam it runs on, and the Java running it.
 */
final class Version {
  private Version() {}

  static String text() {
    return "logdex " + logdex() + "\n"
        + "Apache Beam " + ReleaseInfo.getReleaseInfo().getVersion() + "\n"
        + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
        + System.getProperty("java.vendor") + ")\n";
  }

  /** The version Maven stamped; "unknown" when run from classes no Maven build has processed. */
  static String logdex() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
