package io.logdex.format.history;

/**
 * Two diffs whose sequential effect no single diff of their kind expresses exactly (see {@link
 * DiffCompose}). Not a corruption: the diffs are fine, they must just stay separate entries.
 */
public final class UncomposableDiffException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String reason;

  public UncomposableDiffException(String path, String reason) {
    super("cannot compose the diffs at path \"" + path + "\": " + reason);
    this.path = path;
    this.reason = reason;
  }

  /** Where the two diffs meet in a way no one diff expresses (in the diffs' own shape). */
  public String path() {
    return path;
  }

  public String reason() {
    return reason;
  }
}
