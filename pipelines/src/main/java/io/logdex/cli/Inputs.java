package io.logdex.cli;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a command's input: a file, or stdin for {@code -}; zstd and gzip by their magic bytes. */
final class Inputs {
  private Inputs() {}

  static String label(String arg) {
    return arg.equals("-") ? "<stdin>" : arg;
  }

  /** True when the argument names a plain (uncompressed) local file, which can be read by seeking. */
  static boolean isPlainFile(String arg) throws IOException {
    if (arg.equals("-")) return false;
    Path p = Path.of(arg);
    if (!Files.isRegularFile(p)) throw new java.nio.file.NoSuchFileException(arg);
    try (InputStream in = Files.newInputStream(p)) {
      byte[] m = in.readNBytes(4);
      return !isZstd(m) && !isGzip(m);
    }
  }

  static InputStream open(String arg) throws IOException {
    InputStream raw =
        arg.equals("-") ? System.in : Files.newInputStream(Path.of(arg));
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(4);
    byte[] m = in.readNBytes(4);
    in.reset();
    if (isZstd(m)) return new ZstdInputStream(in);
    if (isGzip(m)) return new GZIPInputStream(in, 1 << 16);
    return in;
  }

  private static boolean isZstd(byte[] m) {
    return m.length == 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xB5 && (m[2] & 0xff) == 0x2F && (m[3] & 0xff) == 0xFD;
  }

  private static boolean isGzip(byte[] m) {
    return m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b;
  }
}
