package io.logdex.io.log;

import io.logdex.format.log.LogCompression;
import io.logdex.format.log.LogEncoder;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileBasedSink;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;

/**
 * Writes (ordering key, payload) pairs as log files through Beam's temp-file-then-rename path.
 * Each writer sorts what it receives (see {@link SortingBuffer}) before encoding, so with a fixed,
 * content-derived shard assignment every shard file's bytes depend only on the input set. The
 * zstd framing is done by the log encoder, not by Beam's channel compression, because it must
 * produce the seekable format.
 */
final class LogSink extends FileBasedSink<KV<byte[], byte[]>, Void, KV<byte[], byte[]>> {
  private static final long serialVersionUID = 1L;

  private final int blockSize;
  private final LogCompression compression;
  private final int zstdLevel;
  private final long sortBufferBytes;

  LogSink(
      ValueProvider<ResourceId> tempDirectory,
      DynamicDestinations<KV<byte[], byte[]>, Void, KV<byte[], byte[]>> destinations,
      int blockSize,
      LogCompression compression,
      int zstdLevel,
      long sortBufferBytes) {
    super(tempDirectory, destinations, Compression.UNCOMPRESSED);
    this.blockSize = blockSize;
    this.compression = compression;
    this.zstdLevel = zstdLevel;
    this.sortBufferBytes = sortBufferBytes;
  }

  @Override
  public WriteOperation<Void, KV<byte[], byte[]>> createWriteOperation() {
    return new WriteOperation<>(this) {
      private static final long serialVersionUID = 1L;

      @Override
      public Writer<Void, KV<byte[], byte[]>> createWriter() {
        return new ShardWriter(this, LogSink.this);
      }
    };
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("blockSize", blockSize).withLabel("Log block size"))
        .add(DisplayData.item("logCompression", compression.name()).withLabel("Log compression"))
        .add(DisplayData.item("sortBufferBytes", sortBufferBytes)
            .withLabel("Sort memory per writer"));
  }

  private static final class ShardWriter extends Writer<Void, KV<byte[], byte[]>> {
    private final Counter records = Metrics.counter(LogIO.class, "recordsWritten");
    private final Counter payloadBytes = Metrics.counter(LogIO.class, "payloadBytesWritten");
    private final LogSink sink;
    private WritableByteChannel channel;
    private SortingBuffer buffer;

    ShardWriter(WriteOperation<Void, KV<byte[], byte[]>> op, LogSink sink) {
      super(op, MimeTypes.BINARY);
      this.sink = sink;
    }

    @Override
    protected void prepareWrite(WritableByteChannel channel) {
      this.channel = channel;
      this.buffer = new SortingBuffer(sink.sortBufferBytes);
    }

    @Override
    public void write(KV<byte[], byte[]> value) throws Exception {
      buffer.add(value.getKey(), value.getValue());
    }

    @Override
    protected void finishWrite() throws Exception {
      // Not closed here: Beam closes the channel after finishWrite.
      OutputStream out = Channels.newOutputStream(channel);
      LogEncoder enc = new LogEncoder(out, sink.blockSize, sink.compression, sink.zstdLevel);
      try (SortingBuffer b = buffer) {
        b.drainTo(p -> {
          enc.append(p);
          records.inc();
          payloadBytes.inc(p.length);
        });
      }
      enc.finish();
    }
  }
}
