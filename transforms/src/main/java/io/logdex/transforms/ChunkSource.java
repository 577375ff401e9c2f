package io.logdex.transforms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The planned chunk tasks as a source that splits into one part per chunk, whatever bundle size
 * the runner asks for. Why: a runner that hands out source splits on demand gives the next chunk
 * to whichever worker is free (Flink's batch DataSource: {@code DefaultInputSplitAssigner}), so
 * ingest balances itself. {@code Create} + {@code Reshuffle} instead hashed a few random keys onto
 * the workers: with 8 chunks on 2 workers, one often got 5 or 6. Parts are listed smallest first
 * because that assigner hands out the last one first, so the largest chunks start first and the
 * small ones fill the tail. Which worker reads a chunk never changes what it writes.
 */
final class ChunkSource extends BoundedSource<ChunkTask> {
  private static final long serialVersionUID = 1L;

  private final List<ChunkTask> tasks;

  ChunkSource(List<ChunkTask> tasks) {
    this.tasks = List.copyOf(tasks);
  }

  @Override
  public List<ChunkSource> split(long desiredBundleSizeBytes, PipelineOptions options) {
    if (tasks.size() <= 1) return List.of(this);
    List<ChunkTask> order = new ArrayList<>(tasks);
    order.sort(Comparator.comparingLong(ChunkTask::estimatedBytes).thenComparing(ChunkTask::id, Comparator.reverseOrder()));
    List<ChunkSource> parts = new ArrayList<>(order.size());
    for (ChunkTask t : order) parts.add(new ChunkSource(List.of(t)));
    return parts;
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    long n = 0;
    for (ChunkTask t : tasks) n += Math.max(0, t.estimatedBytes());
    return n;
  }

  @Override
  public Coder<ChunkTask> getOutputCoder() {
    return SerializableCoder.of(ChunkTask.class);
  }

  @Override
  public BoundedReader<ChunkTask> createReader(PipelineOptions options) {
    return new Reader(this);
  }

  private static final class Reader extends BoundedReader<ChunkTask> {
    private final ChunkSource source;
    private int next = -1;

    Reader(ChunkSource source) {
      this.source = source;
    }

    @Override
    public boolean start() {
      return advance();
    }

    @Override
    public boolean advance() {
      next++;
      return next < source.tasks.size();
    }

    @Override
    public ChunkTask getCurrent() {
      if (next < 0 || next >= source.tasks.size()) throw new NoSuchElementException();
      return source.tasks.get(next);
    }

    @Override
    public void close() throws IOException {}

    @Override
    public ChunkSource getCurrentSource() {
      return source;
    }
  }
}
