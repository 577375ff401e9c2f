package io.logdex.io.snapshot;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.logdex.format.zstd.SeekableZstdWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;

/** Inputs for the SnapshotIO tests: adversarial snapshots, written plain or zstd-framed. */
final class SnapshotFixtures {
  private SnapshotFixtures() {}

  static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  /** A copy of b with b[at, at + with.length) replaced by with. */
  static byte[] replaceAt(byte[] b, int at, byte[] with) {
    byte[] out = b.clone();
    System.arraycopy(with, 0, out, at, with.length);
    return out;
  }

  /** a then b. */
  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Path write(Path dir, String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  /** Seekable zstd with frames of frameSize uncompressed bytes (the last may be shorter). */
  static byte[] zstdFrames(byte[] data, int frameSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SeekableZstdWriter w = new SeekableZstdWriter(out, frameSize, 3)) {
      w.write(data);
    }
    return out.toByteArray();
  }

  /** One streamed zstd frame without a content size. */
  static byte[] zstdStreamed(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(out, 1)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  static List<SnapshotItem> readAll(SnapshotIO.Read read) throws Exception {
    return SourceTestUtils.readFromSource(read.source(), OPTIONS);
  }

  static List<SnapshotRecord> records(List<SnapshotItem> items) {
    List<SnapshotRecord> out = new ArrayList<>();
    for (SnapshotItem i : items) if (!i.isDeadLetter()) out.add(i.record());
    return out;
  }

  /** The planned whole-file source of a single file: what splitAtFraction is tested on. */
  static SnapshotFileSource plannedSource(SnapshotIO.Read read) throws Exception {
    List<SnapshotFileSource> s = read.source().split(Long.MAX_VALUE, OPTIONS);
    if (s.size() != 1) throw new AssertionError("expected one source, got " + s);
    return s.get(0);
  }

  // ---- adversarial documents ----

  /**
   * Seeded random snapshots in JSON or Tony wire form, built to trip a splitter: brackets, quotes,
   * escapes and comment characters inside strings and keys, multi-byte UTF-8, deep and wide
   * nesting, long scalars, and in Tony tags, comments, sparse keys, literals, single quotes,
   * optional commas and {@code {a b}} implicit nulls. Keys never repeat within an object.
   */
  static final class Docs {
    private static final String[] TEXTS = {
      "plain", "[not, an, array]", "{\\\"not\\\": \\\"an object\\\"}", "quote \\\" inside", "back\\\\slash",
      "é日本😀", "]]]}}}", "{{{[[[", "# not a comment", "line\\nbreak", "tab\\tand\\u0041",
      "a,b:c", "'single'", "", "!tag-like", "s3://bucket/key", "\\u00e9\\ud83d\\ude00"
    };
    private static final String[] KEYS = {
      "a", "name", "metadata", "é", "日本", "with space", "[x]", "{y}", "q\\\"uote", "dot.ted",
      "#hash", "k:v", "", "0", "12", "true", "😀", "z"
    };
    private static final String[] TAGS = {"!t", "!insert", "!key(sku)", "!a.b", "!delete"};
    private static final String[] LITERALS = {"active", "s3://bucket/x", "é", "a:b", "x#y", "|", ">-"};

    private final Random r;
    private final boolean tony;
    private final int maxDepth;
    private final int maxWidth;

    Docs(long seed, boolean tony, int maxDepth, int maxWidth) {
      this.r = new Random(seed);
      this.tony = tony;
      this.maxDepth = maxDepth;
      this.maxWidth = maxWidth;
    }

    Random random() {
      return r;
    }

    /** One document (leading and trailing whitespace included). */
    String document() {
      StringBuilder sb = new StringBuilder();
      sb.append(ws());
      value(sb, 0, true);
      sb.append(ws());
      return sb.toString();
    }

    /**
     * One document of at least minChars: a top-level object or array (chosen at random) whose
     * members are random values, added until it is long enough.
     */
    String document(int minChars) {
      StringBuilder sb = new StringBuilder(ws());
      boolean obj = r.nextBoolean();
      sb.append(obj ? '{' : '[');
      int start = sb.length();
      for (int i = 0; sb.length() < minChars; i++) {
        if (sb.length() > start) sb.append(tony && r.nextInt(3) == 0 ? " " : ",").append(ws());
        if (obj) sb.append(quoteKey("m" + i)).append(tony ? ": " : ":");
        value(sb, 1, false);
      }
      sb.append(ws()).append(obj ? '}' : ']').append(ws());
      return sb.toString();
    }

    /** n documents, one per line (Tony streams also get comment lines between them). */
    String stream(int n) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        value(sb, 0, true);
        sb.append(tony && r.nextInt(4) == 0 ? "\n# between documents\n" : "\n");
      }
      return sb.toString();
    }

    private String ws() {
      switch (r.nextInt(6)) {
        case 0: return " ";
        case 1: return "\n";
        case 2: return tony ? " # c [ { \" '\n" : "\r\n";
        default: return "";
      }
    }

    private void value(StringBuilder sb, int depth, boolean top) {
      if (tony && r.nextInt(8) == 0) {
        sb.append(TAGS[r.nextInt(TAGS.length)]).append(' ');
      }
      int roll = r.nextInt(10);
      if (depth >= maxDepth || (roll < 4 && !top)) {
        scalar(sb);
      } else if (roll < 7) {
        object(sb, depth);
      } else {
        array(sb, depth);
      }
    }

    private void scalar(StringBuilder sb) {
      switch (r.nextInt(tony ? 8 : 6)) {
        case 0:
          sb.append(r.nextInt(2000) - 1000);
          break;
        case 1:
          sb.append(r.nextBoolean() ? "true" : r.nextBoolean() ? "false" : "null");
          break;
        case 2:
          sb.append("1.5e").append(r.nextInt(9));
          break;
        case 3: {
          // A long string, sometimes far over small caps.
          sb.append('"');
          int n = r.nextInt(4) == 0 ? 40 + r.nextInt(200) : r.nextInt(12);
          for (int i = 0; i < n; i++) sb.append(i % 7 == 3 ? "]" : i % 11 == 5 ? "é" : "x");
          sb.append('"');
          break;
        }
        case 6:
          sb.append(LITERALS[r.nextInt(LITERALS.length)]);
          break;
        case 7:
          sb.append("'it\\'s ").append(TEXTS[r.nextInt(6)]).append('\'');
          break;
        default:
          sb.append('"').append(TEXTS[r.nextInt(TEXTS.length)]).append('"');
          break;
      }
    }

    private void object(StringBuilder sb, int depth) {
      sb.append('{').append(ws());
      int n = r.nextInt(maxWidth + 1);
      boolean sparse = tony && r.nextInt(4) == 0;
      List<String> keys = new ArrayList<>();
      List<String> used = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (sparse) {
          keys.add(Integer.toString(i * 3 + r.nextInt(3)));
        } else {
          String k = KEYS[r.nextInt(KEYS.length)] + (r.nextInt(3) == 0 ? Integer.toString(i) : "");
          if (!used.contains(k)) {
            used.add(k);
            keys.add(quoteKey(k));
          }
        }
      }
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        boolean quoted = key.startsWith("\"") || key.startsWith("'");
        if (tony && r.nextInt(10) == 0 && !sparse) {
          sb.append(key); // implicit null: {a b}
        } else {
          // After a bare key ':' must be followed by a space, or it continues the literal.
          sb.append(key).append(tony && (!quoted || r.nextBoolean()) ? ": " : ":");
          value(sb, depth + 1, false);
        }
        if (i + 1 < keys.size()) sb.append(tony && r.nextInt(3) == 0 ? " " : ",").append(ws());
        else if (tony && r.nextInt(5) == 0) sb.append(',');
      }
      sb.append(ws()).append('}');
    }

    private String quoteKey(String k) {
      if (!tony) return '"' + k + '"';
      boolean bare = !k.isEmpty() && k.chars().allMatch(c -> Character.isLetter(c) && c < 128);
      if (bare && !k.equals("true") && r.nextBoolean()) return k;
      if (!k.contains("'") && !k.contains("\\") && r.nextInt(3) == 0) return "'" + k + "'";
      return '"' + k + '"';
    }

    private void array(StringBuilder sb, int depth) {
      sb.append('[').append(ws());
      int n = r.nextInt(maxWidth + 1);
      for (int i = 0; i < n; i++) {
        value(sb, depth + 1, false);
        if (i + 1 < n) sb.append(tony && r.nextInt(3) == 0 ? " " : ",").append(ws());
        else if (tony && r.nextInt(5) == 0) sb.append(',');
      }
      sb.append(ws()).append(']');
    }
  }
}
