package io.logdex.io.oplog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers asked for rows give the same items as plain readers, whatever way the file is read
 * (plain and split, multi-frame zstd and split, one streamed frame on the prefetch thread), and
 * rows only for s3dlio TSV lines the typing accepts.
 */
class S3dlioRowTest {
  @TempDir Path tmp;
  private final PipelineOptions options = PipelineOptionsFactory.create();

  @Test
  void rowsAreTheRecordsOfEveryReadingPath() throws Exception {
    byte[] tsv = OpLogFixtures.utf8(OpLogFixtures.s3dlioTsv(new Random(11), 600));
    Path plain = OpLogFixtures.write(tmp, "a.tsv", tsv);
    Path frames = OpLogFixtures.write(tmp, "b.tsv.zst", OpLogFixtures.zstdFrames(tsv, 4096, true));
    Path streamed = OpLogFixtures.write(tmp, "c.tsv.zst", OpLogFixtures.zstdStreamed(tsv));
    for (Path p : List.of(plain, frames, streamed)) {
      for (long bundle : new long[] {1L << 40, 9000}) {
        List<OpLogItem> tree = items(p, bundle, false);
        List<OpLogItem> rows = items(p, bundle, true);
        assertEquals(600, tree.size(), p.toString());
        assertEquals(tree.size(), rows.size());
        for (int i = 0; i < tree.size(); i++) {
          S3dlioRow row = rows.get(i).s3dlioRow();
          assertNotNull(row, () -> p + " line " + rows);
          assertNull(tree.get(i).s3dlioRow());
          assertEquals(tree.get(i).offset(), row.offset());
          assertEquals(tree.get(i).record(), row.toRecord());
          assertEquals(tree.get(i), rows.get(i));
        }
      }
    }
  }

  @Test
  void onlyAcceptedS3dlioTsvLinesBecomeRows() throws Exception {
    String good = "1\t2\tGET\tc\t1\t5\ts3://b\tk\t\t2025-10-09T10:14:07.151693311Z\t\t"
        + "2025-10-09T10:14:07.151693312Z\t9";
    String tsv = OpLogFixtures.S3DLIO_HEADER + "\n" + good + "\n"
        + good.replace("GET", "get") + "\n" // rejected op
        + good.replace("\t5\t", "\t18446744073709551615\t") + "\n" // u64 of 20 digits: still a row
        + good + "\textra\n" // 14 cells: rejected
        + good.replace("\t5\t", "\t18446744073709551616\t") + "\n" // over u64: tree path, rejected
        + good.replace("\t5\t", "\t05\t") + "\n"; // a leading zero: tree path, rejected
    List<OpLogItem> items = items(OpLogFixtures.write(tmp, "d.tsv", tsv.getBytes(StandardCharsets.UTF_8)), 1L << 40, true);
    assertEquals(6, items.size());
    assertNotNull(items.get(0).s3dlioRow());
    assertTrue(items.get(1).isBad());
    assertTrue(items.get(1).bad().reason().contains("unknown op"));
    assertNotNull(items.get(2).s3dlioRow());
    assertEquals("18446744073709551615", items.get(2).s3dlioRow().toRecord().fields().get("bytes").text());
    assertTrue(items.get(3).isBad());
    assertTrue(items.get(4).bad().reason().contains("out of range"), items.get(4).bad().reason());
    assertTrue(items.get(5).bad().reason().contains("leading zero"), items.get(5).bad().reason());

    String generic = "a\tb\n1\t2\n";
    List<OpLogItem> g = items(OpLogFixtures.write(tmp, "e.tsv", generic.getBytes(StandardCharsets.UTF_8)), 1L << 40, true);
    assertEquals(1, g.size());
    assertNull(g.get(0).s3dlioRow());
  }

  private List<OpLogItem> items(Path p, long bundle, boolean rows) throws Exception {
    List<OpLogItem> out = new ArrayList<>();
    for (BoundedSource<OpLogItem> s : OpLogIO.read().from(p.toString())
        .withBadRecords(BadRecordPolicy.SKIP).asSource().split(bundle, options)) {
      try (BoundedSource.BoundedReader<OpLogItem> r =
          rows ? S3dlioRow.reader(s, options) : s.createReader(options)) {
        for (boolean more = r.start(); more; more = r.advance()) out.add(r.getCurrent());
      }
    }
    return out;
  }

  /** The eight-bytes-at-a-time scan against a byte loop: every range of short arrays, one high byte anywhere. */
  @Test
  void isAsciiFindsAHighByteAnywhere() {
    Random r = new Random(4);
    for (int n = 0; n <= 20; n++) {
      for (int high = -1; high < n; high++) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(128);
        if (high >= 0) b[high] = (byte) (0x80 | r.nextInt(128));
        for (int from = 0; from <= n; from++) {
          for (int to = from; to <= n; to++) {
            boolean expected = high < from || high >= to;
            assertEquals(expected, S3dlioRow.isAscii(b, from, to), n + " " + high + " " + from + " " + to);
          }
        }
      }
    }
  }
}
