package io.logdex.samples;

import java.io.ByteArrayOutputStream;

/**
 * An object key spelled once for each {@link DocFormat}, including what follows it
 * ({@code "name":}, {@code "name": }, {@code name: }), so writing a key is one copy.
 */
final class Key {
  final String name;
  private final byte[][] spellings = new byte[DocFormat.values().length][];

  private Key(String name) {
    this.name = name;
    byte[] quoted = Lit.quoted(name);
    byte[] raw = Lit.utf8(name);
    spellings[DocFormat.JSON.ordinal()] = concat(quoted, ":");
    spellings[DocFormat.PRETTY_JSON.ordinal()] = concat(quoted, ": ");
    spellings[DocFormat.WIRE.ordinal()] =
        Lit.isBareKey(raw, 0, raw.length) ? concat(raw, ": ") : concat(quoted, ": ");
  }

  static Key of(String name) {
    return new Key(name);
  }

  byte[] spelling(DocFormat format) {
    return spellings[format.ordinal()];
  }

  private static byte[] concat(byte[] a, String tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + tail.length());
    out.write(a, 0, a.length);
    for (int i = 0; i < tail.length(); i++) {
      out.write(tail.charAt(i));
    }
    return out.toByteArray();
  }
}
