package io.logdex.format.token;

import io.logdex.format.path.PathSyntax;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Formatted path segments, memoised. Real documents repeat the same few hundred keys millions of
 * times ({@code metadata}, {@code name}, ...), and deciding whether a key needs quotes and then
 * quoting it costs far more than the scan that found it; so a key's field text is formatted once
 * and found again by its raw bytes. Direct-mapped and bounded: a colliding key simply replaces the
 * entry, and keys longer than {@link #MAX_KEY} bytes are never kept. The spelling itself always
 * comes from {@link PathSyntax}.
 */
final class PathSegmentCache {
  private static final int SET_BITS = 9;
  private static final int SLOTS = 2 << SET_BITS;
  private static final int MAX_KEY = 64;
  private static final String[] INDEX = new String[1024];

  static {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < INDEX.length; i++) {
      sb.setLength(0);
      PathSyntax.appendIndex(sb, i);
      INDEX[i] = sb.toString();
    }
  }

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * A memoised key: its first and last four bytes, the whole key, and its field text with and
   * without the leading '.', so that appending it is one String append.
   */
  private static final class Entry {
    final int head;
    final int tail;
    final byte[] key;
    final String text;
    final String dotted;

    Entry(int head, int tail, byte[] key, String text) {
      this.head = head;
      this.tail = tail;
      this.key = key;
      this.text = text;
      this.dotted = "." + text;
    }
  }

  /** Two ways per set, most recently used first. */
  private final Entry[] slots = new Entry[SLOTS];

  private static final ThreadLocal<PathSegmentCache> PER_THREAD =
      ThreadLocal.withInitial(PathSegmentCache::new);

  /**
   * The calling thread's cache. A tokenizer made on one thread and used on another may then share
   * it with that thread's own tokenizers; that race is benign: entries are immutable (final
   * fields), every hit is confirmed against the whole key, and a lost update is only a miss.
   */
  static PathSegmentCache forThisThread() {
    return PER_THREAD.get();
  }

  static void appendIndex(StringBuilder sb, long i) {
    if (i < INDEX.length) sb.append(INDEX[(int) i]);
    else PathSyntax.appendIndex(sb, i);
  }

  /** Appends {@code .field} (no dot at the start of a path) for unescaped UTF-8 key bytes. */
  void appendField(StringBuilder sb, byte[] b, int off, int len) {
    if (len > MAX_KEY) {
      if (sb.length() > 0) sb.append('.');
      sb.append(format(b, off, len));
      return;
    }
    Entry e = entry(b, off, len);
    sb.append(sb.length() > 0 ? e.dotted : e.text);
  }

  private Entry entry(byte[] b, int off, int len) {
    int head;
    int tail;
    if (len >= 4) {
      // Two overlapping reads hash any length in O(1); the full compare below settles collisions.
      head = (int) INT.get(b, off);
      tail = (int) INT.get(b, off + len - 4);
    } else {
      head = 0;
      for (int i = 0; i < len; i++) head = head << 8 | (b[off + i] & 0xff);
      tail = 0;
    }
    int h = ((head * 0x9E3779B9 + tail) * 0x85EBCA6B + len) * 0x9E3779B9;
    // Two ways per set, so that two hot keys that hash alike do not evict each other forever.
    int set = (h >>> (32 - SET_BITS)) << 1;
    Entry e = slots[set];
    if (e != null && e.head == head && e.tail == tail && sameKey(e.key, b, off, len)) return e;
    Entry other = slots[set + 1];
    if (other != null && other.head == head && other.tail == tail
        && sameKey(other.key, b, off, len)) {
      // Most recently used first, so that the next lookup of this key hits the first way.
      slots[set + 1] = e;
      slots[set] = other;
      return other;
    }
    // Miss: the first way's entry moves to the second, whose entry is dropped.
    slots[set + 1] = e;
    e = new Entry(head, tail, Arrays.copyOfRange(b, off, off + len), format(b, off, len));
    slots[set] = e;
    return e;
  }

  /** Whether k equals b[off, off+len), given that the first and last four bytes already match. */
  private static boolean sameKey(byte[] k, byte[] b, int off, int len) {
    if (k.length != len) return false;
    for (int i = 4; i < len - 4; i++) {
      if (k[i] != b[off + i]) return false;
    }
    return true;
  }

  private static String format(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len + 2);
    PathSyntax.appendFieldText(sb, Utf8Text.decode(b, off, len));
    return sb.toString();
  }
}
