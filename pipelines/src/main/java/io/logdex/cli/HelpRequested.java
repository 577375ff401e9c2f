package io.logdex.cli;

/**
 * {@code -h}/{@code --help} was given: {@link Main} prints the command's usage instead of running
 * it. For {@code build}, topic names the runner whose options to list ({@code beam}, {@code flink}).
 */
final class HelpRequested extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String topic;

  HelpRequested(String topic) {
    super("help", null, false, false);
    this.topic = topic;
  }

  /** Null for the command's own usage. */
  String topic() {
    return topic;
  }
}
