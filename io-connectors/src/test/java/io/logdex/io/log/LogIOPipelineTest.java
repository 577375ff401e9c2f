package io.logdex.io.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.log.EntryLogs;
import io.logdex.format.log.LogCompression;
import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.Node;
import io.logdex.format.log.LogCursor;
import io.logdex.format.log.LogReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class LogIOPipelineTest {
  @TempDir Path dir;

  /** Payloads whose first 8 bytes are a (commit-like) ordering key. */
  private static List<byte[]> payloads(int n, long seed) {
    Random r = new Random(seed);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int size = r.nextInt(4) == 0 ? 3000 + r.nextInt(3000) : r.nextInt(100);
      ByteBuffer b = ByteBuffer.allocate(8 + size).putLong(r.nextInt(1000));
      while (b.hasRemaining()) b.put((byte) ('a' + r.nextInt(26)));
      out.add(b.array());
    }
    return out;
  }

  private static byte[] key(byte[] p) {
    return Arrays.copyOf(p, 8);
  }

  private static LogIO.Write write(Path prefix, LogCompression c) {
    return LogIO.write().to(prefix.toString()).withNumShards(3).withBlockSize(1024)
        .withCompression(c).withOrderingKey(LogIOPipelineTest::key)
        .withSortBufferBytes(16 * 1024); // small, so the writers spill and merge
  }

  private static List<Path> files(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    }
  }

  @Test
  void writeIsDeterministicOrderedAndReadsBack(TestPipeline pipeline) throws Exception {
    List<byte[]> payloads = payloads(90, 1);
    List<byte[]> shuffled = new ArrayList<>(payloads);
    Collections.shuffle(shuffled, new Random(2));
    // One pipeline writes both compressions, and the same records in another order once more.
    Pipeline w = Pipeline.create(PipelineOptionsFactory.create());
    for (LogCompression c : LogCompression.values()) {
      w.apply("in-" + c, Create.of(payloads).withCoder(ByteArrayCoder.of()))
          .apply("write-" + c, write(dir.resolve("a-" + c).resolve("ops"), c));
    }
    w.apply("shuffled", Create.of(shuffled).withCoder(ByteArrayCoder.of()))
        .apply("write-shuffled", write(dir.resolve("b-ZSTD").resolve("ops"), LogCompression.ZSTD));
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      entries.add(new LogEntry(37 - i % 7, i, "2025-10-09T10:00:0" + (i % 10) + "Z",
          Node.objectBuilder().put("k" + i, Node.integer(i)).build()));
    }
    w.apply("entries", Create.of(entries).withCoder(LogEntryCoder.of()))
        .apply("write-entries", LogIO.writeEntries()
            .with(LogIO.write().to(dir.resolve("entries").resolve("e").toString()).withNumShards(2)));
    w.run().waitUntilFinish();
    for (LogCompression c : LogCompression.values()) {
      List<Path> fa = files(dir.resolve("a-" + c));
      List<Path> fb = c == LogCompression.ZSTD ? files(dir.resolve("b-ZSTD")) : fa;
      String sfx = c == LogCompression.ZSTD ? ".log.zst" : ".log";
      assertEquals(List.of("ops-00000-of-00003" + sfx, "ops-00001-of-00003" + sfx,
          "ops-00002-of-00003" + sfx), fa.stream().map(x -> x.getFileName().toString()).toList());
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(Files.readAllBytes(fa.get(i)), Files.readAllBytes(fb.get(i)),
            "shard " + i + " differs between input orders");
        byte[] prev = null;
        try (LogReader r = LogReader.open(fa.get(i)); LogCursor cur = r.cursor(0)) {
          assertEquals(c == LogCompression.ZSTD, r.compressed());
          while (cur.next()) {
            byte[] k = key(cur.payload());
            if (prev != null) assertTrue(Arrays.compareUnsigned(prev, k) <= 0, "unsorted shard");
            prev = k;
            seen.add(Arrays.toString(cur.payload()));
          }
        }
      }
      Set<String> expected = new HashSet<>();
      for (byte[] p : payloads) expected.add(Arrays.toString(p));
      assertEquals(expected, seen);
    }

    // Read both layouts back in one pipeline and compare with what the files hold.
    List<LogRecord> expected = new ArrayList<>();
    for (Path f : Stream.concat(files(dir.resolve("a-NONE")).stream(),
        files(dir.resolve("a-ZSTD")).stream()).toList()) {
      try (LogReader r = LogReader.open(f); LogCursor cur = r.cursor(0)) {
        while (cur.next()) {
          expected.add(new LogRecord(f.toString(), cur.position(), cur.payload()));
        }
      }
    }
    PCollection<LogRecord> read =
        pipeline.apply(LogIO.read().from(dir.resolve("a-*").resolve("ops-*").toString()));
    PAssert.that(read).containsInAnyOrder(expected);
    for (Path f : files(dir.resolve("entries"))) {
      byte[] prev = null;
      try (LogReader r = LogReader.open(f); LogCursor cur = r.cursor(0)) {
        while (cur.next()) {
          byte[] k = EntryLogs.orderingKey(EntryLogs.decode(cur.payload(), f.toString(), 0));
          if (prev != null) assertTrue(Arrays.compareUnsigned(prev, k) < 0, "entries out of order");
          prev = k;
        }
      }
    }
    PAssert.that(pipeline.apply(LogIO.readEntries().from(dir.resolve("entries").resolve("e-*")
        .toString()))).containsInAnyOrder(entries);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    long counted = 0;
    for (MetricResult<Long> m : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(LogIO.class, "records")).build()).getCounters()) {
      counted += m.getCommitted();
    }
    assertEquals(expected.size() + entries.size(), counted); // both reads count
  }
}
