package io.logdex.transforms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;

/** CRC-32C of whole files, streamed through one reused buffer. */
final class InputChecksums {
  private static final int BUFFER = 1 << 20;

  private InputChecksums() {}

  /** Of a file any registered Beam file system can open. */
  static long of(String path) throws IOException {
    ResourceId id = FileSystems.matchSingleFileSpec(path).resourceId();
    try (ReadableByteChannel ch = FileSystems.open(id)) {
      return of(ch);
    }
  }

  /** Of a local file. */
  static long ofLocal(Path file) throws IOException {
    try (ReadableByteChannel ch = Files.newByteChannel(file)) {
      return of(ch);
    }
  }

  private static long of(ReadableByteChannel ch) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    while (ch.read(buf) >= 0) {
      buf.flip();
      crc.update(buf);
      buf.clear();
    }
    return crc.getValue();
  }

  /** Fills in each input's checksum; one element per file, so large inputs are summed in parallel. */
  static final class Fn extends DoFn<InputSummary, BuildPart> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element InputSummary in, OutputReceiver<BuildPart> out) throws IOException {
      out.output(in.crc32c() >= 0 ? in : in.withCrc32c(of(in.path())));
    }
  }
}
