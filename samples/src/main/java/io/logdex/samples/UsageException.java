package io.logdex.samples;

/** A command line the generator cannot act on; the CLI prints it and exits with status 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
