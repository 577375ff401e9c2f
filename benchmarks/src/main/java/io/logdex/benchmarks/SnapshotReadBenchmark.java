package io.logdex.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logdex.format.zstd.SeekableZstdWriter;
import io.logdex.io.snapshot.SnapshotIO;
import io.logdex.io.snapshot.SnapshotItem;
import io.logdex.samples.DocFormat;
import io.logdex.samples.SnapshotGenerator;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * End-to-end read throughput of SnapshotIO's source on one generated cluster snapshot
 * ({@link SnapshotGenerator}) in JSON, Tony wire and multi-frame seekable zstd (1 MiB frames),
 * next to Jackson's streaming parser pulling every token of the same JSON bytes (the honest floor
 * for "look at every byte once"). Readers are driven directly: the pre-scan plan (split), timed on
 * its own, then every split read to the end on a pool of threads, so the figure is the IO's own
 * cost without a runner. MB/s is uncompressed snapshot bytes per second of wall time; peak heap is
 * the peak of the heap pools during the phase, after a GC.
 *
 * <pre>
 * java -Xmx64m -cp ... io.logdex.benchmarks.SnapshotReadBenchmark --mb=256 \
 *     --dir=/tmp/snapshot-bench [--threads=2] [--cap=65536]
 * </pre>
 *
 * Jackson's row counts tokens in the records column. A run that finishes under a small -Xmx shows
 * the bounded memory better than the pool peak, which includes garbage not yet collected.
 */
public final class SnapshotReadBenchmark {
  private SnapshotReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    long mb = 256;
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "snapshot-bench");
    int threads = Runtime.getRuntime().availableProcessors();
    long cap = 64 * 1024;
    for (String a : args) {
      if (a.startsWith("--mb=")) mb = Long.parseLong(a.substring(5));
      else if (a.startsWith("--dir=")) dir = Paths.get(a.substring(6));
      else if (a.startsWith("--threads=")) threads = Integer.parseInt(a.substring(10));
      else if (a.startsWith("--cap=")) cap = Long.parseLong(a.substring(6));
      else throw new IllegalArgumentException("unknown argument " + a);
    }
    Files.createDirectories(dir);
    String name = "snapshot-" + mb + "mb";
    Path json = generate(dir.resolve(name + ".json"), mb << 20, DocFormat.JSON, false);
    Path wire = generate(dir.resolve(name + ".tony"), mb << 20, DocFormat.WIRE, false);
    Path zst = generate(dir.resolve(name + ".json.zst"), mb << 20, DocFormat.JSON, true);
    System.out.printf("snapshot: %d MB, cap %d, %d threads, max heap %d MB%n", mb, cap, threads,
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf("%-26s %8s %8s %9s %9s %9s %10s %10s%n", "input", "splits", "records",
        "plan s", "plan MB/s", "read s", "read MB/s", "peak heap");
    for (Path p : List.of(json, wire, zst)) {
      read(p, threads, cap); // warm-up
      Result r = read(p, threads, cap);
      System.out.printf("%-26s %8d %8d %9.2f %9.0f %9.2f %10.0f %7d MB%n",
          p.getFileName(), r.splits, r.records, r.planSeconds, r.bytes / 1e6 / r.planSeconds,
          r.readSeconds, r.bytes / 1e6 / r.readSeconds, r.peakHeap >> 20);
      if (r.deadLetters != 0) {
        throw new IllegalStateException(p + ": " + r.deadLetters + " dead letters");
      }
    }
    jackson(json); // warm-up
    Result j = jackson(json);
    System.out.printf("%-26s %8s %8d %9s %9s %9.2f %10.0f %7d MB%n", "jackson (1 thread)", "-",
        j.records, "-", "-", j.readSeconds, j.bytes / 1e6 / j.readSeconds, j.peakHeap >> 20);
  }

  private static Path generate(Path p, long bytes, DocFormat format, boolean zstd)
      throws Exception {
    if (Files.exists(p)) return p;
    Path tmp = p.resolveSibling(p.getFileName() + ".part");
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
        OutputStream out = zstd ? new SeekableZstdWriter(file, 1 << 20, 3) : file) {
      SnapshotGenerator.write(out, bytes, format, 7);
    }
    Files.move(tmp, p);
    return p;
  }

  private static final class Result {
    long records;
    long deadLetters;
    long bytes;
    int splits;
    double planSeconds;
    double readSeconds;
    long peakHeap;
  }

  private static Result read(Path p, int threads, long cap) throws Exception {
    PipelineOptions options = PipelineOptionsFactory.create();
    BoundedSource<SnapshotItem> source = SnapshotIO.read().from(p.toString())
        .withMaxSubDocumentBytes(cap).asSource();
    Result r = new Result();
    List<MemoryPoolMXBean> heap = SplitReads.resetHeapPeaks();
    long t0 = System.nanoTime();
    long desired = Math.max(1 << 20, source.getEstimatedSizeBytes(options) / (threads * 4L));
    List<? extends BoundedSource<SnapshotItem>> splits = source.split(desired, options);
    long t1 = System.nanoTime();
    r.splits = splits.size();
    long[] c = SplitReads.readAll(splits, options, threads, 2, (i, n) -> {
      if (i.isDeadLetter()) n[1]++;
      else n[0]++;
    });
    r.records += c[0];
    r.deadLetters += c[1];
    long t2 = System.nanoTime();
    r.planSeconds = (t1 - t0) / 1e9;
    r.readSeconds = (t2 - t1) / 1e9;
    r.bytes = uncompressedSize(p);
    r.peakHeap = SplitReads.peakHeap(heap);
    return r;
  }

  private static long uncompressedSize(Path p) throws Exception {
    if (!p.toString().endsWith(".zst")) return Files.size(p);
    return Files.size(Paths.get(p.toString().substring(0, p.toString().length() - 4)));
  }

  /** Every token of the JSON file through Jackson's streaming parser, on one thread. */
  private static Result jackson(Path json) throws Exception {
    Result r = new Result();
    List<MemoryPoolMXBean> heap = SplitReads.resetHeapPeaks();
    long t0 = System.nanoTime();
    JsonFactory f = new JsonFactory();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(json), 1 << 16);
        JsonParser parser = f.createParser(in)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) r.records++;
    }
    r.readSeconds = (System.nanoTime() - t0) / 1e9;
    r.bytes = Files.size(json);
    r.peakHeap = SplitReads.peakHeap(heap);
    return r;
  }
}
