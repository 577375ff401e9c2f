package io.logdex.cli;

import io.logdex.format.log.VerifyReport;

/**
 * What {@code logdex verify} found, as it finds it: printed as tab-separated text ({@link
 * VerifyText}) or as JSON lines ({@link VerifyJson}). The command decides what is checked and the
 * exit code; an implementation only words it.
 */
interface VerifyFindings {
  /** A log's CRC walk; name is the log's generation/name in a build, or the file as given. */
  void log(String name, VerifyReport report);

  /** A log whose size or record count disagrees with the build's manifest. */
  void logMismatch(String name, String reason);

  /** An index whose every page was read and checked. */
  void index(String name, long docs, long terms);

  /**
   * The end: whether all was clean, the exit code, and the one-line error that stopped the check
   * (null when it ran to the end). An index named by name was being checked when error struck,
   * or null.
   */
  void end(boolean ok, int exitCode, String index, String error);
}
