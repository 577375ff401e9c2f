package io.logdex.io.snapshot;

import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.io.common.DocumentFormat;
import java.io.IOException;
import java.util.Objects;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads huge JSON / Tony wire snapshots as {@link SnapshotRecord}s: every largest node that fits
 * in {@link Read#withMaxSubDocumentBytes} as a sub-document with its bytes, every container too
 * big for that as a container record. So any node is reached directly, or by reading one
 * sub-document and walking it.
 *
 * <pre>{@code
 * SnapshotReadResult r = p.apply(SnapshotIO.read().from("gs://bucket/snapshots/*.json.zst")
 *     .withMaxSubDocumentBytes(64 << 10).withBadInput(BadInputPolicy.SKIP));
 * r.records()...; r.deadLetters()...;
 * }</pre>
 *
 * <p>Files that can seek (plain, and zstd of several frames) are planned by a structural pre-scan
 * and split at sub-document boundaries, statically and dynamically; one-frame zstd and other
 * codecs are read by one reader. Memory per reader is the tokenizer buffer plus a retention
 * buffer of about twice the cap. See docs/FORMAT.md, "Snapshot sub-documents", and
 * docs/ARCHITECTURE.md, "SnapshotIO splitting".
 *
 * <p>Metrics (namespace {@code io.logdex.io.snapshot.SnapshotIO}): {@code subDocuments},
 * {@code containers}, {@code deadLetters}, {@code bytes} (bytes of the sub-documents).
 */
public final class SnapshotIO {
  private SnapshotIO() {}

  public static final String SUB_DOCUMENTS_COUNTER = "subDocuments";
  public static final String CONTAINERS_COUNTER = "containers";
  public static final String DEAD_LETTERS_COUNTER = "deadLetters";
  public static final String BYTES_COUNTER = "bytes";

  static final TupleTag<SnapshotRecord> RECORDS = new TupleTag<SnapshotRecord>("records") {};
  static final TupleTag<SnapshotDeadLetter> DEAD_LETTERS =
      new TupleTag<SnapshotDeadLetter>("deadLetters") {};

  /** A read with defaults: 64 KiB sub-documents, 1 MiB split granularity, AUTO, one document. */
  /**
   * A reader of one source that {@link Read#asSource()} gave or split off, whose tokens observer
   * sees as well (see {@link SnapshotTokenObserver}); a source of another kind is read as usual,
   * unobserved.
   */
  public static BoundedSource.BoundedReader<SnapshotItem> reader(
      BoundedSource<SnapshotItem> source, PipelineOptions options, SnapshotTokenObserver observer)
      throws IOException {
    if (!(source instanceof SnapshotFileSource)) return source.createReader(options);
    SnapshotFileSource.SnapshotFileReader r = ((SnapshotFileSource) source).createReader(options);
    r.observe(observer);
    return r;
  }

  public static Read read() {
    return new Read(null, SnapshotSpec.defaults());
  }

  /** The read transform; immutable, each {@code with} returns a changed copy. */
  public static final class Read extends PTransform<PBegin, SnapshotReadResult> {
    private static final long serialVersionUID = 1L;

    private final String filepattern;
    private final SnapshotSpec spec;

    private Read(String filepattern, SnapshotSpec spec) {
      this.filepattern = filepattern;
      this.spec = spec;
    }

    /** A file, or a pattern any registered Beam file system understands. */
    public Read from(String filepattern) {
      return new Read(Objects.requireNonNull(filepattern, "filepattern"), spec);
    }

    /**
     * The cap (default 64 KiB): sub-documents are the largest nodes of at most this many bytes;
     * containers above it become container records. At most 1 GiB.
     */
    public Read withMaxSubDocumentBytes(long bytes) {
      return new Read(filepattern, spec.withMaxSubDocumentBytes(bytes));
    }

    /**
     * AUTO (default): zstd when the file starts with the zstd magic whatever its name, else by
     * extension. Multi-frame zstd is split at frames; one frame and other codecs are read whole.
     */
    public Read withCompression(Compression compression) {
      return new Read(filepattern, spec.withCompression(compression));
    }

    /** About how many uncompressed bytes apart the pre-scan plans split points (default 1 MiB). */
    /**
     * Threads that plan a big plain JSON file's splits on the launcher: 0 for one per core from 3
     * cores (serial below: the parallel plan costs about twice the CPU), 1 for serial. The split
     * points are the same either way.
     */
    public Read withPlanThreads(int threads) {
      return new Read(filepattern, spec.withPlanThreads(threads));
    }

    public Read withSplitGranularity(long bytes) {
      return new Read(filepattern, spec.withSplitGranularity(bytes));
    }

    /** SINGLE (default): one document per file; STREAM: JSONL / Tony wire streams, paths [n]... */
    public Read withDocuments(DocumentMode mode) {
      return new Read(filepattern, spec.withTokenizer(spec.tokenizer.withDocuments(mode)));
    }

    /**
     * The syntax of the files: AUTO (default) strict JSON except for files named {@code .tony}
     * (also under a compression suffix); JSON or TONY whatever the name. Overrides the syntax of
     * {@link #withTokenizerOptions}. A file that breaks it is bad input.
     */
    public Read withFormat(DocumentFormat format) {
      return new Read(filepattern, spec.withFormat(Objects.requireNonNull(format, "format")));
    }

    /** The tokenizer's read size (default 64 KiB). */
    public Read withBufferSize(int bytes) {
      return new Read(filepattern, spec.withTokenizer(spec.tokenizer.withBufferSize(bytes)));
    }

    /** The longest key or tag (longer is bad input) and the longest scalar kept as text. */
    public Read withMaxTokenBytes(int bytes) {
      return new Read(filepattern, spec.withTokenizer(spec.tokenizer.withMaxTokenBytes(bytes)));
    }

    /** All tokenizer settings at once. */
    public Read withTokenizerOptions(TokenizerOptions options) {
      return new Read(filepattern, spec.withTokenizer(Objects.requireNonNull(options)));
    }

    /**
     * A scalar longer than the cap is a sub-document by itself; it carries its bytes up to this
     * length (default 1 MiB), and above it none: read it with {@link SubDocumentBytes#open}.
     */
    public Read withMaxScalarBytes(int bytes) {
      return new Read(filepattern, spec.withMaxScalarBytes(bytes));
    }

    /** FAIL (default) or SKIP; SKIP sends a dead letter per unreadable file. */
    public Read withBadInput(BadInputPolicy policy) {
      return new Read(filepattern, spec.withBadInput(policy));
    }

    /** What an empty match does; default ALLOW_IF_WILDCARD, as TextIO. */
    public Read withEmptyMatchTreatment(EmptyMatchTreatment treatment) {
      return new Read(filepattern, spec.withEmptyMatch(treatment));
    }

    /** Caps a reader's retention buffer; for tests of the re-read path. */
    Read withRetentionCapacity(int bytes) {
      return new Read(filepattern, spec.withRetentionCapacity(bytes));
    }

    /**
     * The splittable source this read applies, without the routing DoFn: for harnesses that
     * drive readers directly, and for SourceTestUtils.
     */
    public BoundedSource<SnapshotItem> asSource() {
      return source();
    }

    SnapshotSource source() {
      if (filepattern == null) throw new IllegalStateException("SnapshotIO.read() needs from(...)");
      return new SnapshotSource(filepattern, spec);
    }

    @Override
    public SnapshotReadResult expand(PBegin input) {
      PCollectionTuple routed =
          input
              .apply("ReadSnapshots", org.apache.beam.sdk.io.Read.from(source()))
              .apply(
                  "RouteDeadLetters",
                  ParDo.of(new RouteSnapshotItemsFn(DEAD_LETTERS))
                      .withOutputTags(RECORDS, TupleTagList.of(DEAD_LETTERS)));
      return new SnapshotReadResult(
          input.getPipeline(),
          routed.get(RECORDS).setCoder(SnapshotRecordCoder.of()),
          routed.get(DEAD_LETTERS).setCoder(SnapshotDeadLetterCoder.of()));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder
          .addIfNotNull(DisplayData.item("filePattern", filepattern).withLabel("File pattern"))
          .add(DisplayData.item("maxSubDocumentBytes", spec.maxSubDocumentBytes)
              .withLabel("Sub-document cap"))
          .add(DisplayData.item("compression", spec.compression.toString())
              .withLabel("Compression"))
          .add(DisplayData.item("splitGranularity", spec.splitGranularity)
              .withLabel("Split point granularity"))
          .add(DisplayData.item("documents", spec.tokenizer.documents().toString())
              .withLabel("Documents per file"))
          .add(DisplayData.item("format", spec.format.toString())
              .withLabel("Syntax (JSON strict, Tony opt-in)"))
          .add(DisplayData.item("bufferSize", spec.tokenizer.bufferSize())
              .withLabel("Tokenizer buffer bytes"))
          .add(DisplayData.item("maxTokenBytes", spec.tokenizer.maxTokenBytes())
              .withLabel("Longest kept token"))
          .add(DisplayData.item("maxScalarBytes", spec.maxScalarBytes)
              .withLabel("Longest scalar carried with its bytes"))
          .add(DisplayData.item("badInput", spec.badInput.toString())
              .withLabel("Bad input policy"));
    }
  }
}
