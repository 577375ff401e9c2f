package io.logdex.testing;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The rule every fuzz target shares: a reader given hostile bytes either succeeds or fails with the
 * project's own {@link FormatException} (or {@link io.logdex.format.TruncatedInputException}),
 * whose message is one line naming the input. Anything else escapes the target and is a finding:
 * an IllegalArgumentException, IndexOutOfBounds, NegativeArraySize, OutOfMemoryError or
 * StackOverflowError means a length field or a depth was trusted.
 */
public final class FuzzRules {
  /** Longer messages must elide their path or excerpt in the middle; a deep path can be megabytes. */
  public static final int MAX_MESSAGE_CHARS = 1000;

  private static final Pattern JAVA_CLASS =
      Pattern.compile("\\b(java|javax|com|org|io)\\.([a-z0-9_]+\\.)+[A-Z]\\w*(Exception|Error)\\b");

  private FuzzRules() {}

  /** Work that reads untrusted bytes. */
  @FunctionalInterface
  public interface Read {
    void run() throws IOException;
  }

  /**
   * Runs the read; a FormatException is an accepted outcome once its message passes {@link
   * #checkMessage}. Plain IOExceptions are findings too: an in-memory input cannot fail to read,
   * so one here is a bad-data error in the wrong type.
   *
   * @return true if the read finished without error
   */
  public static boolean readOrReject(String source, Read read) {
    try {
      read.run();
      return true;
    } catch (FormatException e) {
      checkMessage(source, e);
      return false;
    } catch (IOException e) {
      throw new AssertionError("bad data must fail as a FormatException, not " + e, e);
    } catch (OutOfMemoryError e) {
      // Caught here, while the failed allocation's stack is at hand: left to Jazzer, an OOM in a
      // full heap can kill the JVM before it saves the input.
      throw new AssertionError("an allocation ran out of heap: a length or count was trusted", e);
    }
  }

  /** One line for people: names the input, and says nothing in Java's own words. */
  public static void checkMessage(String source, FormatException e) {
    String m = e.getMessage();
    checkOneLine(m, e);
    if (!m.startsWith(source)) {
      throw new AssertionError("error message does not name " + source + ": " + m, e);
    }
    // A qualified class name is Java talking; the input's own text may say "java." freely.
    if (JAVA_CLASS.matcher(m).find()) {
      throw new AssertionError("error message speaks Java: " + m, e);
    }
  }

  /** A message (of any exception the API documents for bad input) is one line of bounded length. */
  public static void checkOneLine(String m, Throwable e) {
    if (m == null || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
      throw new AssertionError("error message is not one line: " + m, e);
    }
    if (m.length() > MAX_MESSAGE_CHARS) {
      throw new AssertionError("error message of " + m.length() + " chars is not elided: "
          + m.substring(0, 200) + "...", e);
    }
  }
}
