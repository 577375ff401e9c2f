package io.logdex.samples;

/** A fixed list of words, each pre-encoded raw (for composing names) and quoted (as a value). */
final class Pool {
  private final String[] words;
  private final byte[][] raw;
  private final byte[][] quoted;

  Pool(String... words) {
    this.words = words.clone();
    this.raw = new byte[words.length][];
    this.quoted = new byte[words.length][];
    for (int i = 0; i < words.length; i++) {
      raw[i] = Lit.utf8(words[i]);
      quoted[i] = Lit.quoted(words[i]);
    }
  }

  int size() {
    return words.length;
  }

  String word(int i) {
    return words[i];
  }

  byte[] raw(int i) {
    return raw[i];
  }

  byte[] quoted(int i) {
    return quoted[i];
  }

}
