package io.logdex.io.log;

import io.logdex.format.log.EntryLogs;
import io.logdex.format.log.LogCompression;
import io.logdex.format.log.LogEntry;
import io.logdex.format.log.LogEntryCodec;
import io.logdex.format.log.LogFormat;
import io.logdex.format.log.LogHeader;
import io.logdex.format.log.LogReader;
import io.logdex.format.zstd.SeekableZstdWriter;
import java.util.Objects;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.io.DefaultFilenamePolicy;
import org.apache.beam.sdk.io.DynamicFileDestinations;
import org.apache.beam.sdk.io.FileBasedSink;
import org.apache.beam.sdk.io.ShardingFunction;
import org.apache.beam.sdk.io.WriteFiles;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.ShardedKey;

/**
 * Beam IO for logdex logs, modelled on TFRecordIO but splittable: logs are block-structured (and,
 * compressed, framed by a zstd seek table), so a reader can start anywhere.
 *
 * <pre>{@code
 * PCollection<LogRecord> records = p.apply(LogIO.read().from("/data/logs/*.log*"));
 * payloads.apply(LogIO.write().to("/data/out/ops").withNumShards(4)
 *     .withOrderingKey(p -> commitAndSeqOf(p)).withCompression(LogCompression.ZSTD));
 * }</pre>
 *
 * Metrics (namespace {@code io.logdex.io.log.LogIO}): {@code records}, {@code payloadBytes} read;
 * {@code recordsWritten}, {@code payloadBytesWritten}.
 */
public final class LogIO {
  private LogIO() {}

  public static Read read() {
    return new Read(null, EmptyMatchTreatment.DISALLOW, LogReader.DEFAULT_MAX_RECORD_BYTES, null);
  }

  /** Reads log records and decodes each payload as a {@link LogEntry}; see {@link #read()}. */
  public static ReadEntries readEntries() {
    return new ReadEntries(read());
  }

  /**
   * Writes entries in wire form, each shard ordered by (commit, seq); configure the files through
   * the {@link Write} passed to {@link WriteEntries#with}.
   */
  public static WriteEntries writeEntries() {
    return new WriteEntries(write());
  }

  public static Write write() {
    return new Write(null, null, 1, DefaultFilenamePolicy.DEFAULT_UNWINDOWED_SHARD_TEMPLATE,
        LogFormat.DEFAULT_BLOCK_SIZE, LogCompression.NONE, SeekableZstdWriter.DEFAULT_LEVEL,
        null, 64L * 1024 * 1024);
  }

  /** Reads every record of the files a pattern matches, plain or compressed. */
  public static final class Read extends PTransform<PBegin, PCollection<LogRecord>> {
    private static final long serialVersionUID = 1L;

    private final ValueProvider<String> pattern;
    private final EmptyMatchTreatment emptyMatch;
    private final int maxRecordBytes;
    private final LogCompression compression;

    private Read(
        ValueProvider<String> pattern,
        EmptyMatchTreatment emptyMatch,
        int maxRecordBytes,
        LogCompression compression) {
      this.pattern = pattern;
      this.emptyMatch = emptyMatch;
      this.maxRecordBytes = maxRecordBytes;
      this.compression = compression;
    }

    public Read from(String filepattern) {
      return from(StaticValueProvider.of(Objects.requireNonNull(filepattern, "filepattern")));
    }

    public Read from(ValueProvider<String> filepattern) {
      return new Read(filepattern, emptyMatch, maxRecordBytes, compression);
    }

    /**
     * Requires every file to be stored this way, failing on one that is not. By default each
     * file's compression is detected from its first bytes.
     */
    public Read withCompression(LogCompression compression) {
      return new Read(pattern, emptyMatch, maxRecordBytes, compression);
    }

    /** The largest payload a record may have; a longer one fails the read. */
    public Read withMaxRecordBytes(int maxRecordBytes) {
      return new Read(pattern, emptyMatch, maxRecordBytes, compression);
    }

    public Read withEmptyMatchTreatment(EmptyMatchTreatment treatment) {
      return new Read(pattern, treatment, maxRecordBytes, compression);
    }

    @Override
    public PCollection<LogRecord> expand(PBegin input) {
      if (pattern == null) throw new IllegalStateException("LogIO.read() needs from(filepattern)");
      return input.apply("Read", org.apache.beam.sdk.io.Read.from(
          new LogSource(pattern, emptyMatch, maxRecordBytes, compression)));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder
          .addIfNotNull(DisplayData.item("filePattern", pattern).withLabel("File pattern"))
          .add(DisplayData.item("compression", compression == null ? "auto" : compression.name())
              .withLabel("Compression"))
          .add(DisplayData.item("maxRecordBytes", maxRecordBytes).withLabel("Largest record"));
    }
  }

  /**
   * Writes payloads into a fixed number of log files named {@code <prefix><shard template>
   * <suffix>}, e.g. {@code ops-00001-of-00004.log}, through Beam's temp-then-finalize path.
   *
   * <p>Output is deterministic: a record's shard is a hash of its ordering key (of its payload if
   * no key function is given), and each shard is written sorted by (key, payload) as unsigned
   * bytes, so names and bytes depend only on the set of input records. Give an ordering key such
   * as the big-endian (commit, seq) of a log entry to get shards in commit order; use one shard
   * for a single, totally ordered log. Sorting is within a memory budget per writer, spilling to
   * temporary files beyond it.
   */
  public static final class Write
      extends PTransform<PCollection<byte[]>, WriteFilesResult<Void>> {
    private static final long serialVersionUID = 1L;

    private final ValueProvider<ResourceId> prefix;
    private final String suffix;
    private final int numShards;
    private final String shardTemplate;
    private final int blockSize;
    private final LogCompression compression;
    private final int zstdLevel;
    private final SerializableFunction<byte[], byte[]> orderingKey;
    private final long sortBufferBytes;

    private Write(
        ValueProvider<ResourceId> prefix,
        String suffix,
        int numShards,
        String shardTemplate,
        int blockSize,
        LogCompression compression,
        int zstdLevel,
        SerializableFunction<byte[], byte[]> orderingKey,
        long sortBufferBytes) {
      this.prefix = prefix;
      this.suffix = suffix;
      this.numShards = numShards;
      this.shardTemplate = shardTemplate;
      this.blockSize = blockSize;
      this.compression = compression;
      this.zstdLevel = zstdLevel;
      this.orderingKey = orderingKey;
      this.sortBufferBytes = sortBufferBytes;
    }

    private Write copy(
        ValueProvider<ResourceId> prefix, String suffix, int numShards, String shardTemplate,
        int blockSize, LogCompression compression, int zstdLevel,
        SerializableFunction<byte[], byte[]> orderingKey, long sortBufferBytes) {
      return new Write(prefix, suffix, numShards, shardTemplate, blockSize, compression,
          zstdLevel, orderingKey, sortBufferBytes);
    }

    /** Output file prefix: a directory and a file name start, e.g. {@code /out/ops}. */
    public Write to(String outputPrefix) {
      return copy(StaticValueProvider.of(FileBasedSink.convertToFileResourceIfPossible(outputPrefix)),
          suffix, numShards, shardTemplate, blockSize, compression, zstdLevel, orderingKey,
          sortBufferBytes);
    }

    /** Defaults to {@code .log}, or {@code .log.zst} when compressed. */
    public Write withSuffix(String suffix) {
      return copy(prefix, suffix, numShards, shardTemplate, blockSize, compression, zstdLevel,
          orderingKey, sortBufferBytes);
    }

    public Write withNumShards(int numShards) {
      if (numShards < 1) throw new IllegalArgumentException("numShards must be >= 1: " + numShards);
      return copy(prefix, suffix, numShards, shardTemplate, blockSize, compression, zstdLevel,
          orderingKey, sortBufferBytes);
    }

    /** See {@link org.apache.beam.sdk.io.ShardNameTemplate}; default {@code -SSSSS-of-NNNNN}. */
    public Write withShardNameTemplate(String template) {
      return copy(prefix, suffix, numShards, template, blockSize, compression, zstdLevel,
          orderingKey, sortBufferBytes);
    }

    public Write withBlockSize(int blockSize) {
      LogHeader.of(blockSize); // validates
      return copy(prefix, suffix, numShards, shardTemplate, blockSize, compression, zstdLevel,
          orderingKey, sortBufferBytes);
    }

    public Write withCompression(LogCompression compression) {
      return copy(prefix, suffix, numShards, shardTemplate, blockSize,
          Objects.requireNonNull(compression), zstdLevel, orderingKey, sortBufferBytes);
    }

    public Write withZstdLevel(int level) {
      return copy(prefix, suffix, numShards, shardTemplate, blockSize, compression, level,
          orderingKey, sortBufferBytes);
    }

    /** Bytes that order records within a shard and choose their shard. */
    public Write withOrderingKey(SerializableFunction<byte[], byte[]> key) {
      return copy(prefix, suffix, numShards, shardTemplate, blockSize, compression, zstdLevel,
          Objects.requireNonNull(key), sortBufferBytes);
    }

    /** Memory a shard writer sorts in before spilling runs to disk; default 64 MiB. */
    public Write withSortBufferBytes(long bytes) {
      return copy(prefix, suffix, numShards, shardTemplate, blockSize, compression, zstdLevel,
          orderingKey, bytes);
    }

    @Override
    public WriteFilesResult<Void> expand(PCollection<byte[]> input) {
      PCollection<KV<byte[], byte[]>> keyed = input
          .apply("KeyForOrder", ParDo.of(new KeyFn(orderingKey)))
          .setCoder(KvCoder.of(ByteArrayCoder.of(), ByteArrayCoder.of()));
      return writeKeyed(keyed, orderingKey == null);
    }

    /** Writes (ordering key, payload) pairs; shards by payload hash when there is no key. */
    WriteFilesResult<Void> writeKeyed(PCollection<KV<byte[], byte[]>> keyed, boolean byPayload) {
      if (prefix == null) throw new IllegalStateException("LogIO.write() needs to(prefix)");
      String sfx = suffix != null ? suffix : compression == LogCompression.ZSTD ? ".log.zst" : ".log";
      DefaultFilenamePolicy names =
          DefaultFilenamePolicy.fromStandardParameters(prefix, shardTemplate, sfx, false);
      LogSink sink = new LogSink(
          StaticValueProvider.of(prefix.get().getCurrentDirectory()),
          DynamicFileDestinations.<KV<byte[], byte[]>>constant(names),
          blockSize, compression, zstdLevel, sortBufferBytes);
      return keyed.apply("WriteFiles", WriteFiles.to(sink)
          .withNumShards(numShards)
          .withShardingFunction(new HashSharding(byPayload)));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder
          .addIfNotNull(DisplayData.item("prefix", prefix == null ? null : prefix.toString())
              .withLabel("Output prefix"))
          .add(DisplayData.item("numShards", numShards).withLabel("Shards"))
          .add(DisplayData.item("compression", compression.name()).withLabel("Compression"))
          .add(DisplayData.item("blockSize", blockSize).withLabel("Block size"))
          .add(DisplayData.item("ordered", orderingKey == null ? "by payload" : "by key")
              .withLabel("Order within a shard"));
    }
  }

  /** {@link #read()}, each payload decoded as a {@link LogEntry}; a bad one fails the read. */
  public static final class ReadEntries extends PTransform<PBegin, PCollection<LogEntry>> {
    private static final long serialVersionUID = 1L;
    private final Read read;

    private ReadEntries(Read read) {
      this.read = read;
    }

    /** Configures the underlying read, e.g. {@code with(LogIO.read().from(pattern))}. */
    public ReadEntries with(Read read) {
      return new ReadEntries(read);
    }

    public ReadEntries from(String filepattern) {
      return new ReadEntries(read.from(filepattern));
    }

    @Override
    public PCollection<LogEntry> expand(PBegin input) {
      return input.apply("ReadRecords", read)
          .apply("DecodeEntries", ParDo.of(new DecodeFn()))
          .setCoder(LogEntryCoder.of());
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.include("read", read);
    }
  }

  private static final class DecodeFn extends DoFn<LogRecord, LogEntry> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element LogRecord r, OutputReceiver<LogEntry> out) throws Exception {
      out.output(EntryLogs.decode(r.payload(), r.file(), r.position()));
    }
  }

  /** Entries in wire form through {@link Write}, keyed by (commit, seq). */
  public static final class WriteEntries
      extends PTransform<PCollection<LogEntry>, WriteFilesResult<Void>> {
    private static final long serialVersionUID = 1L;
    private final Write write;

    private WriteEntries(Write write) {
      this.write = write;
    }

    /** The file settings (prefix, shards, compression...); its ordering key is not used. */
    public WriteEntries with(Write write) {
      return new WriteEntries(write);
    }

    public WriteEntries to(String outputPrefix) {
      return new WriteEntries(write.to(outputPrefix));
    }

    @Override
    public WriteFilesResult<Void> expand(PCollection<LogEntry> input) {
      PCollection<KV<byte[], byte[]>> keyed = input
          .apply("EncodeEntries", ParDo.of(new EncodeFn()))
          .setCoder(KvCoder.of(ByteArrayCoder.of(), ByteArrayCoder.of()));
      return write.writeKeyed(keyed, false);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.include("write", write);
    }
  }

  private static final class EncodeFn extends DoFn<LogEntry, KV<byte[], byte[]>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element LogEntry e, OutputReceiver<KV<byte[], byte[]>> out) {
      out.output(KV.of(EntryLogs.orderingKey(e), LogEntryCodec.toWire(e)));
    }
  }

  private static final byte[] NO_KEY = new byte[0];

  private static final class KeyFn extends DoFn<byte[], KV<byte[], byte[]>> {
    private static final long serialVersionUID = 1L;
    private final SerializableFunction<byte[], byte[]> key;

    KeyFn(SerializableFunction<byte[], byte[]> key) {
      this.key = key;
    }

    @ProcessElement
    public void process(@Element byte[] payload, OutputReceiver<KV<byte[], byte[]>> out) {
      out.output(KV.of(key == null ? NO_KEY : key.apply(payload), payload));
    }
  }

  /** A shard chosen from the record's content, the same in every run and on every worker. */
  static final class HashSharding implements ShardingFunction<KV<byte[], byte[]>, Void> {
    private static final long serialVersionUID = 1L;
    private final boolean byPayload;

    HashSharding(boolean byPayload) {
      this.byPayload = byPayload;
    }

    @Override
    @SuppressWarnings("deprecation") // ShardingFunction's own signature returns ShardedKey
    public ShardedKey<Integer> assignShardKey(Void destination, KV<byte[], byte[]> e, int shards) {
      return ShardedKey.of(0, shardOf(byPayload ? e.getValue() : e.getKey(), shards));
    }

    static int shardOf(byte[] bytes, int shards) {
      int h = java.util.Arrays.hashCode(bytes); // specified, so stable across JVMs
      h ^= h >>> 16; // murmur3's finalizer spreads near-equal keys
      h *= 0x85ebca6b;
      h ^= h >>> 13;
      h *= 0xc2b2ae35;
      h ^= h >>> 16;
      return Math.floorMod(h, shards);
    }
  }
}
