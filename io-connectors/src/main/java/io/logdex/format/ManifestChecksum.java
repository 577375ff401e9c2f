package io.logdex.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The checksum every logdex manifest ends with: a last member {@code "crc32c": "xxxxxxxx"} on a
 * line of its own, the CRC-32C of every byte before that line. The file stays plain JSON that jq
 * and people can read, while a flipped byte anywhere (a count, a generation name, a file name) is
 * caught before a reader trusts it; a manifest cut short loses its last line and fails too.
 *
 * <pre>
 * {
 *   ...every other member...,
 *   "crc32c": "1a2b3c4d"
 * }
 * </pre>
 */
public final class ManifestChecksum {
  /** What precedes the checksum's value: the member on its own line, indented by two. */
  private static final byte[] MEMBER = "  \"crc32c\": \"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TAIL = "\"\n}\n".getBytes(StandardCharsets.US_ASCII);

  private ManifestChecksum() {}

  /**
   * Seals a pretty-printed JSON object (it ends with {@code \n}} and an optional newline): adds the
   * checksum as its last member.
   */
  public static byte[] seal(byte[] prettyObject) {
    int end = prettyObject.length;
    while (end > 0 && prettyObject[end - 1] == '\n') end--;
    if (end < 2 || prettyObject[end - 1] != '}' || prettyObject[end - 2] != '\n') {
      throw new IllegalArgumentException("not a pretty-printed JSON object");
    }
    boolean empty = end == 3 && prettyObject[0] == '{';
    // Everything up to the closing brace's line, plus a comma ending the last member.
    byte[] head = Arrays.copyOf(prettyObject, end - 1 + (empty ? 0 : 1));
    if (!empty) {
      head[end - 2] = ',';
      head[end - 1] = '\n';
    }
    return sealHead(head);
  }

  /** Appends the checksum line and the closing brace to a head that ends with a newline. */
  public static byte[] sealHead(byte[] head) {
    CRC32C crc = new CRC32C();
    crc.update(head, 0, head.length);
    byte[] value = hex(crc.getValue()).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + MEMBER.length + value.length + TAIL.length];
    int p = 0;
    System.arraycopy(head, 0, out, p, head.length);
    p += head.length;
    System.arraycopy(MEMBER, 0, out, p, MEMBER.length);
    p += MEMBER.length;
    System.arraycopy(value, 0, out, p, value.length);
    p += value.length;
    System.arraycopy(TAIL, 0, out, p, TAIL.length);
    return out;
  }

  /**
   * Checks a sealed manifest's checksum, naming the source on failure. Returns the bytes unchanged
   * for parsing (the checksum member is an ordinary string member).
   */
  public static byte[] check(byte[] raw, String source) throws FormatException {
    int lineStart = lastLineStart(raw);
    if (lineStart < 0) {
      throw new FormatException("the manifest is cut short or damaged: it does not end with its"
          + " \"crc32c\" line", source, raw.length);
    }
    CRC32C crc = new CRC32C();
    crc.update(raw, 0, lineStart);
    String stored = new String(raw, lineStart + MEMBER.length, 8, StandardCharsets.US_ASCII);
    String computed = hex(crc.getValue());
    if (!stored.equals(computed)) {
      throw new FormatException("the manifest is damaged: its checksum is " + stored + " but its bytes"
          + " give " + computed, source, lineStart);
    }
    return raw;
  }

  /** Where the checksum line starts, or -1 when the bytes do not end with one. */
  private static int lastLineStart(byte[] raw) {
    int start = raw.length - TAIL.length - 8 - MEMBER.length;
    if (start < 1 || raw[start - 1] != '\n') return -1;
    for (int i = 0; i < MEMBER.length; i++) if (raw[start + i] != MEMBER[i]) return -1;
    for (int i = 0; i < 8; i++) {
      byte b = raw[start + MEMBER.length + i];
      if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f'))) return -1;
    }
    for (int i = 0; i < TAIL.length; i++) if (raw[raw.length - TAIL.length + i] != TAIL[i]) return -1;
    return start;
  }

  public static String hex(long crc) {
    return String.format(Locale.ROOT, "%08x", crc & 0xFFFFFFFFL);
  }
}
