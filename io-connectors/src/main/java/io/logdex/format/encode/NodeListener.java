package io.logdex.format.encode;

/**
 * Told where each node an {@link Encoder} writes begins and ends, so that a writer can record the
 * {@code (offset, length)} of every sub-document and later seek straight to it.
 *
 * <p>The bytes {@code [start, end)} are exactly the node's encoded value, its tag included, with no
 * separator, key or newline around it. Offsets are absolute ({@link Encoder#setBaseOffset}). The
 * path is the node's kinded path spelled through {@link io.logdex.format.path.PathSyntax}; the
 * root is {@code ""}, and in JSON output a sparse key is named as the field JSON re-reads. The path
 * object is the encoder's own buffer: it is valid only during the call, so call {@code toString()}
 * to keep it.
 *
 * <p>Every span re-parses on its own to its node, with one exception: a literal such as {@code |}
 * or {@code >-} is fine inside brackets but reads as block Tony when it stands alone.
 */
public interface NodeListener {
  void nodeStart(long offset, CharSequence path);

  void nodeEnd(long endOffset, CharSequence path);
}
