package io.logdex.io.snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.OffsetBasedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * A range of one snapshot file in <em>uncompressed</em> offsets, read from planned split points.
 *
 * <p>Items are positioned as {@link SnapshotItem#position()} says (a sub-document at its start, a
 * container at its closing bracket), which is monotonic. Only the sub-documents the plan chose are
 * split points, and a range {@code [s, e)} is read from the first planned point at or after s
 * until the first planned point at or after e: so a split at any offset X gives a primary that
 * stops at the first point at or after X and a residual that starts exactly there, and static and
 * dynamic splits agree. Of the plan, a range carries the points inside it (with their tokenizer
 * states) and the position of the first point after it.
 *
 * <p>A file that is not planned (a stream that cannot seek, or the reference read of {@link
 * SnapshotSource#createReader}) is one whole range whose first item is its only split point.
 */
final class SnapshotFileSource extends OffsetBasedSource<SnapshotItem> {
  private static final long serialVersionUID = 1L;

  private final SnapshotSpec spec;
  private final SnapshotFile file;
  /** Ascending; those in [start, end) readable, then at most one BOUNDARY. Null if unplanned. */
  private final SplitPoint[] points;

  private SnapshotFileSource(
      SnapshotSpec spec, SnapshotFile file, long start, long end, SplitPoint[] points) {
    super(start, end, 1);
    this.spec = spec;
    this.file = file;
    this.points = points;
  }

  /**
   * The file read whole by one reader from its first byte, without a plan. Its range is open
   * ended: a dead letter for input cut short sits at the end of the file, past any finite end.
   */
  static SnapshotFileSource whole(SnapshotSpec spec, SnapshotFile file) {
    return new SnapshotFileSource(spec, file, 0, Long.MAX_VALUE, null);
  }

  /** The whole planned file; split it with {@link #split}. */
  static SnapshotFileSource planned(SnapshotSpec spec, SnapshotFile file, List<SplitPoint> plan) {
    long end = Math.max(1, file.uncompressedSize());
    if (!plan.isEmpty()) end = Math.max(end, plan.get(plan.size() - 1).position + 1);
    return new SnapshotFileSource(spec, file, 0, end, plan.toArray(new SplitPoint[0]));
  }

  SnapshotFile file() {
    return file;
  }

  boolean isPlanned() {
    return points != null;
  }

  /** The plan this range carries (for tests and logs). */
  List<SplitPoint> points() {
    return points == null ? List.of() : List.of(points);
  }

  /** Index of the first point at or after offset, or points.length. */
  private int firstAtOrAfter(long offset) {
    int lo = 0;
    int hi = points.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (points[mid].position >= offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Where this range's reader starts: the first point at or after its start, or null if none. */
  SplitPoint startPoint() {
    int i = firstAtOrAfter(getStartOffset());
    return i < points.length ? points[i] : null;
  }

  /** The plan's ERROR point if this range carries it. */
  SnapshotDeadLetter plannedError() {
    if (points == null) return null;
    for (int i = points.length - 1; i >= 0; i--) {
      if (points[i].kind == SplitPoint.Kind.ERROR) return points[i].deadLetter;
      if (points[i].kind != SplitPoint.Kind.BOUNDARY) break;
    }
    return null;
  }

  long[] pointPositions() {
    long[] p = new long[points.length];
    for (int i = 0; i < p.length; i++) p[i] = points[i].position;
    return p;
  }

  @Override
  public long getMaxEndOffset(PipelineOptions options) {
    return getEndOffset();
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    if (points == null || file.uncompressedSize() <= 0) return file.size();
    long range = Math.min(getEndOffset(), file.uncompressedSize()) - getStartOffset();
    if (file.layout() == SnapshotFile.Layout.PLAIN) return Math.max(0, range);
    return (long) Math.ceil((double) file.size() * Math.max(0, range) / file.uncompressedSize());
  }

  /**
   * Ranges of about desiredBundleSizeBytes (compressed bytes for zstd, as the estimate), each
   * starting at a planned point, so that no range is empty by construction.
   */
  @Override
  public List<SnapshotFileSource> split(long desiredBundleSizeBytes, PipelineOptions options) {
    if (points == null) return List.of(this);
    boolean plain = file.layout() == SnapshotFile.Layout.PLAIN || file.uncompressedSize() <= 0;
    double bytesPerOffset = plain ? 1.0 : (double) file.size() / file.uncompressedSize();
    long desired = (long) Math.max(1, desiredBundleSizeBytes / Math.max(bytesPerOffset, 1e-9));
    List<SnapshotFileSource> out = new ArrayList<>();
    long start = getStartOffset();
    long end = getEndOffset();
    int i = firstAtOrAfter(start);
    while (start < end) {
      long cut = end;
      for (int j = i; j < points.length && points[j].position < end; j++) {
        if (points[j].position > start && points[j].position - start >= desired
            && end - points[j].position >= desired / 4) {
          cut = points[j].position;
          i = j;
          break;
        }
      }
      out.add(createSourceForSubrange(start, cut));
      start = cut;
    }
    return out;
  }

  @Override
  public SnapshotFileSource createSourceForSubrange(long start, long end) {
    if (points == null) throw new IllegalStateException("an unplanned file is not split: " + this);
    int from = firstAtOrAfter(start);
    int to = firstAtOrAfter(end);
    int n = to - from + (to < points.length ? 1 : 0);
    SplitPoint[] slice = Arrays.copyOfRange(points, from, from + n);
    if (to < points.length) slice[n - 1] = points[to].asBoundary();
    return new SnapshotFileSource(spec, file, start, end, slice);
  }

  @Override
  public SnapshotFileReader createReader(PipelineOptions options) {
    return new SnapshotFileReader(this);
  }

  @Override
  public Coder<SnapshotItem> getOutputCoder() {
    return SnapshotItemCoder.of();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("file", file.name()).withLabel("Snapshot file"))
        .add(DisplayData.item("layout", file.layout().toString()).withLabel("Layout"))
        .add(DisplayData.item("splitPoints", points == null ? 0 : points.length)
            .withLabel("Planned split points in range"));
  }

  @Override
  public String toString() {
    return file + " [" + getStartOffset() + ", "
        + (getEndOffset() == Long.MAX_VALUE ? "end" : Long.toString(getEndOffset())) + ")"
        + (points == null ? " unplanned" : " " + points.length + " points");
  }

  /** Reads one range; see the class comment for where it starts and stops. */
  static final class SnapshotFileReader extends OffsetBasedReader<SnapshotItem> {
    private long[] splitPositions;
    private SnapshotItemStream items;
    private SnapshotTokenObserver observer;
    private SnapshotItem current;
    private boolean first = true;

    SnapshotFileReader(SnapshotFileSource source) {
      super(source);
    }

    /** Set before {@link #start}: the observer sees every token this reader reads. */
    void observe(SnapshotTokenObserver observer) {
      this.observer = observer;
    }

    @Override
    public synchronized SnapshotFileSource getCurrentSource() {
      return (SnapshotFileSource) super.getCurrentSource();
    }

    @Override
    protected boolean startImpl() throws IOException {
      SnapshotFileSource s = getCurrentSource();
      SplitPoint from = null;
      if (s.isPlanned()) {
        from = s.startPoint();
        if (from == null || from.kind == SplitPoint.Kind.BOUNDARY) return false;
        splitPositions = s.pointPositions();
      }
      items = new SnapshotItemStream(s.file, s.spec, from, s.plannedError());
      if (observer != null) items.observe(observer);
      return advanceImpl();
    }

    @Override
    protected boolean advanceImpl() throws IOException {
      if (current != null) first = false;
      current = items.next();
      if (current == null) return false;
      if (current.isDeadLetter() && getCurrentSource().spec.badInput == BadInputPolicy.FAIL) {
        throw current.deadLetter().toException();
      }
      return true;
    }

    @Override
    protected boolean isAtSplitPoint() {
      if (splitPositions == null) return first;
      return current.mayBeSplitPoint()
          && Arrays.binarySearch(splitPositions, current.position()) >= 0;
    }

    @Override
    protected long getCurrentOffset() {
      if (current == null) throw new NoSuchElementException();
      return current.position();
    }

    @Override
    public SnapshotItem getCurrent() {
      if (current == null) throw new NoSuchElementException();
      return current;
    }

    @Override
    public boolean allowsDynamicSplitting() {
      return getCurrentSource().isPlanned();
    }

    @Override
    public Double getFractionConsumed() {
      SnapshotFileSource s = getCurrentSource();
      if (s.getEndOffset() != Long.MAX_VALUE || items == null) return super.getFractionConsumed();
      if (isDone()) return 1.0;
      return Math.min(1.0, (double) items.rawBytesRead() / Math.max(1, s.file.size()));
    }

    @Override
    public void close() throws IOException {
      if (items != null) items.close();
    }
  }
}
