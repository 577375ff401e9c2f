package io.logdex.io.oplog;

import io.logdex.io.common.DocumentFormat;
import java.util.Objects;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads op-logs (s3dlio TSV/CSV/JSONL, logdex LogEntry lines, any JSONL/Tony/TSV/CSV) into typed
 * {@link OpLogRecord}s, with every line that is not a record reported as a {@link BadRecord}.
 *
 * <pre>{@code
 * OpLogReadResult r = p.apply(OpLogIO.read().from("gs://bucket/oplogs/*.tsv.zst")
 *     .withBadRecords(BadRecordPolicy.SKIP));
 * r.records()...; r.deadLetters()...;
 * }</pre>
 *
 * <p>Plain files split at line boundaries (statically and dynamically) with TextIO's rule, and
 * multi-frame zstd files at frame boundaries, so all cores stay busy; a single-frame zstd file
 * (what s3dlio writes) is decompressed and parsed on a background thread into a bounded queue.
 * Memory per reader is one line buffer (growing only to {@link Read#withMaxLineBytes}) plus, for
 * the background reader, the queue. See docs/FORMAT.md, "Op-log inputs", for what is accepted.
 *
 * <p>Metrics (namespace {@code io.logdex.io.oplog.OpLogIO}): {@code records}, {@code badRecords},
 * {@code bytes} (uncompressed bytes of records and bad records, terminators included).
 */
public final class OpLogIO {
  private OpLogIO() {}

  public static final String RECORDS_COUNTER = "records";
  public static final String BAD_RECORDS_COUNTER = "badRecords";
  public static final String BYTES_COUNTER = "bytes";

  static final TupleTag<OpLogRecord> RECORDS = new TupleTag<OpLogRecord>("records") {};
  static final TupleTag<BadRecord> DEAD_LETTERS = new TupleTag<BadRecord>("deadLetters") {};

  /** A read with defaults: AUTO format and compression, FAIL on bad records. */
  public static Read read() {
    return new Read(null, ReadSpec.defaults());
  }

  /** The read transform; immutable, each {@code with} returns a changed copy. */
  public static final class Read extends PTransform<PBegin, OpLogReadResult> {
    private static final long serialVersionUID = 1L;

    private final String filepattern;
    private final ReadSpec spec;

    private Read(String filepattern, ReadSpec spec) {
      this.filepattern = filepattern;
      this.spec = spec;
    }

    /** A file, or a pattern any registered Beam file system understands. */
    public Read from(String filepattern) {
      return new Read(Objects.requireNonNull(filepattern, "filepattern"), spec);
    }

    /** The line format; AUTO (default) goes by file name, then by the first content line. */
    public Read withFormat(OpLogFormat format) {
      return new Read(filepattern, spec.withFormat(format));
    }

    /**
     * How lines that are documents (not TSV/CSV rows) are read: AUTO (default) strict JSON except
     * for files named {@code .tony}; JSON or TONY whatever the name. A line that breaks it is a bad
     * record naming its offset, line, column and path.
     */
    public Read withFormat(DocumentFormat format) {
      return new Read(filepattern, spec.withDocuments(Objects.requireNonNull(format, "format")));
    }

    /**
     * AUTO (default): zstd when the file starts with the zstd magic whatever its name, else by
     * extension. ZSTD is read by logdex (split at frames); other codecs through Beam, unsplit.
     */
    public Read withCompression(Compression compression) {
      return new Read(filepattern, spec.withCompression(compression));
    }

    /** FAIL (default) or SKIP; SKIP sends bad lines to {@link OpLogReadResult#deadLetters()}. */
    public Read withBadRecords(BadRecordPolicy policy) {
      return new Read(filepattern, spec.withBadRecords(policy));
    }

    /** Bytes read per refill by split readers (default 64 KiB); lines may be longer. */
    public Read withBufferSize(int bytes) {
      return new Read(filepattern, spec.withBufferSize(bytes));
    }

    /** The longest line kept (default 16 MiB); a longer line is a bad record, not an OOM. */
    public Read withMaxLineBytes(int bytes) {
      return new Read(filepattern, spec.withMaxLineBytes(bytes));
    }

    /** Items the background reader may hold ready (default S3DLIO_OPLOG_READ_BUF, else 1024). */
    public Read withQueueCapacity(int items) {
      return new Read(filepattern, spec.withQueueCapacity(items));
    }

    /** The background reader's read size (default S3DLIO_OPLOG_CHUNK_SIZE, else 1 MiB). */
    public Read withChunkSize(int bytes) {
      return new Read(filepattern, spec.withChunkSize(bytes));
    }

    /**
     * Number every line: plain and multi-frame zstd files are then read whole (one reader per
     * file, no splitting), since a split starting mid-file cannot know its line cheaply. Streams
     * that are never split (single-frame zstd, gzip) have line numbers regardless.
     */
    public Read withLineNumbers() {
      return new Read(filepattern, spec.withLineNumbers(true));
    }

    /** What an empty match does; default ALLOW_IF_WILDCARD, as TextIO. */
    public Read withEmptyMatchTreatment(EmptyMatchTreatment treatment) {
      return new Read(filepattern, spec.withEmptyMatch(treatment));
    }

    /**
     * The splittable source this read applies, without the routing DoFn: for harnesses that drive
     * readers directly, and for SourceTestUtils.
     */
    public BoundedSource<OpLogItem> asSource() {
      return source();
    }

    OpLogSource source() {
      if (filepattern == null) throw new IllegalStateException("OpLogIO.read() needs from(...)");
      return new OpLogSource(filepattern, spec);
    }

    @Override
    public OpLogReadResult expand(PBegin input) {
      PCollectionTuple routed =
          input
              .apply("ReadLines", org.apache.beam.sdk.io.Read.from(source()))
              .apply(
                  "RouteBadRecords",
                  ParDo.of(new RouteItemsFn(DEAD_LETTERS))
                      .withOutputTags(RECORDS, TupleTagList.of(DEAD_LETTERS)));
      return new OpLogReadResult(
          input.getPipeline(),
          routed.get(RECORDS).setCoder(OpLogRecordCoder.of()),
          routed.get(DEAD_LETTERS).setCoder(BadRecordCoder.of()));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder
          .addIfNotNull(DisplayData.item("filePattern", filepattern).withLabel("File pattern"))
          .add(DisplayData.item("format", spec.format.toString()).withLabel("Line format"))
          .add(DisplayData.item("documents", spec.documents.toString())
              .withLabel("Document syntax (JSON strict, Tony opt-in)"))
          .add(DisplayData.item("compression", spec.compression.toString())
              .withLabel("Compression"))
          .add(DisplayData.item("badRecords", spec.badRecords.toString())
              .withLabel("Bad record policy"))
          .add(DisplayData.item("bufferSize", spec.bufferSize).withLabel("Read buffer bytes"))
          .add(DisplayData.item("maxLineBytes", spec.maxLineBytes).withLabel("Longest line"))
          .add(DisplayData.item("queueCapacity", spec.queueCapacity)
              .withLabel("Background queue items"))
          .add(DisplayData.item("chunkSize", spec.chunkSize).withLabel("Background read bytes"))
          .add(DisplayData.item("lineNumbers", spec.lineNumbers).withLabel("Line numbers"));
    }
  }
}
