package io.logdex.pipelines.store;

/**
 * A location this logdex cannot reach as configured: an unknown scheme, a file system module not on
 * the classpath, or missing credentials or region. Raised before any work; a usage error (exit 2).
 */
public final class StoreException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }
}
