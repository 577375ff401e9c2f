package io.logdex.benchmarks;

import io.logdex.io.oplog.BadRecordPolicy;
import io.logdex.io.oplog.OpLogIO;
import io.logdex.io.oplog.OpLogItem;
import io.logdex.samples.OpLogGenerator;
import java.io.BufferedOutputStream;
import java.io.File;
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
 * End-to-end read throughput of OpLogIO's source on one generated s3dlio op-log in three forms —
 * plain, multi-frame seekable zstd (1 MiB frames) and one streamed zstd frame (what s3dlio
 * writes) — next to {@code zstd -d} on the same compressed files. Readers are driven directly
 * (split, then each split read to the end on a pool of threads), so the figure is the IO's own
 * cost, without a runner. MB/s is uncompressed op-log bytes per second of wall time; peak heap is
 * the peak of the heap pools during the read, after a GC.
 *
 * <pre>
 * java -Xmx1g -cp ... io.logdex.benchmarks.OpLogReadBenchmark --records=600000 --dir=/tmp/oplog-bench [--threads=2] [--format=tsv|jsonl]
 * </pre>
 */
public final class OpLogReadBenchmark {
  private OpLogReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    long records = 600_000;
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "oplog-bench");
    int threads = Runtime.getRuntime().availableProcessors();
    OpLogGenerator.Format format = OpLogGenerator.Format.TSV;
    for (String a : args) {
      if (a.startsWith("--records=")) records = Long.parseLong(a.substring(10));
      else if (a.startsWith("--dir=")) dir = Paths.get(a.substring(6));
      else if (a.startsWith("--threads=")) threads = Integer.parseInt(a.substring(10));
      else if (a.startsWith("--format=")) format = OpLogGenerator.Format.valueOf(a.substring(9).toUpperCase());
      else throw new IllegalArgumentException("unknown argument " + a);
    }
    Files.createDirectories(dir);
    String ext = format == OpLogGenerator.Format.TSV ? ".tsv" : ".jsonl";
    Path plain = generate(dir.resolve("oplog-" + records + ext), records, format, OpLogGenerator.Compression.NONE);
    Path multi = generate(dir.resolve("oplog-" + records + "-multi" + ext + ".zst"), records, format,
        OpLogGenerator.Compression.MULTI);
    Path single = generate(dir.resolve("oplog-" + records + "-single" + ext + ".zst"), records, format,
        OpLogGenerator.Compression.SINGLE);
    long uncompressed = Files.size(plain);
    System.out.printf("op-log: %d records, %.1f MB uncompressed, %d threads, max heap %d MB%n",
        records, uncompressed / 1e6, threads, Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf("%-22s %10s %8s %8s %10s %10s %12s%n",
        "input", "file MB", "splits", "secs", "MB/s", "peak heap", "zstd -d MB/s");
    for (Path p : List.of(plain, multi, single)) {
      read(p, threads); // warm-up
      Result r = read(p, threads);
      String zstd = p.toString().endsWith(".zst") ? String.format("%.0f", uncompressed / 1e6 / zstdSeconds(p)) : "-";
      System.out.printf("%-22s %10.1f %8d %8.2f %10.0f %8d MB %12s%n",
          p.getFileName().toString().replaceFirst("oplog-\\d+-?", ""), Files.size(p) / 1e6, r.splits,
          r.seconds, r.bytes / 1e6 / r.seconds, r.peakHeap >> 20, zstd);
      if (r.bytes == 0 || r.bad != 0) {
        throw new IllegalStateException(p + ": read " + r.items + " items, " + r.bad + " bad");
      }
    }
  }

  private static Path generate(Path p, long records, OpLogGenerator.Format format,
      OpLogGenerator.Compression compression) throws Exception {
    if (Files.exists(p)) return p;
    Path tmp = p.resolveSibling(p.getFileName() + ".part");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
      OpLogGenerator.write(out, OpLogGenerator.Options.defaults().records(records).format(format)
          .compression(compression).seed(7));
    }
    Files.move(tmp, p);
    return p;
  }

  private static final class Result {
    long items;
    long bad;
    long bytes;
    int splits;
    double seconds;
    long peakHeap;
  }

  private static Result read(Path p, int threads) throws Exception {
    PipelineOptions options = PipelineOptionsFactory.create();
    BoundedSource<OpLogItem> source =
        OpLogIO.read().from(p.toString()).withBadRecords(BadRecordPolicy.SKIP).asSource();
    List<MemoryPoolMXBean> heap = SplitReads.resetHeapPeaks();
    Result r = new Result();
    long t0 = System.nanoTime();
    long desired = Math.max(1 << 20, Files.size(p) / (threads * 4L));
    List<? extends BoundedSource<OpLogItem>> splits = source.split(desired, options);
    r.splits = splits.size();
    long[] c = SplitReads.readAll(splits, options, threads, 3, (i, n) -> {
      n[0]++;
      if (i.isBad()) n[1]++;
      n[2] += i.length();
    });
    r.items += c[0];
    r.bad += c[1];
    r.bytes += c[2];
    r.seconds = (System.nanoTime() - t0) / 1e9;
    r.peakHeap += SplitReads.peakHeap(heap);
    return r;
  }

  /** Wall seconds of {@code zstd -d -c FILE > /dev/null}, or NaN if zstd is not installed. */
  private static double zstdSeconds(Path p) {
    try {
      long t0 = System.nanoTime();
      Process z = new ProcessBuilder("zstd", "-d", "-c", "-q", p.toString())
          .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      if (z.waitFor() != 0) return Double.NaN;
      return (System.nanoTime() - t0) / 1e9;
    } catch (Exception e) {
      return Double.NaN;
    }
  }
}
