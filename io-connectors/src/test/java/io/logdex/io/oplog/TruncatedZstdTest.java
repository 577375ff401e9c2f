package io.logdex.io.oplog;

import static io.logdex.io.oplog.OpLogFixtures.utf8;
import static io.logdex.io.oplog.OpLogFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import io.logdex.format.FormatException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer that crashed leaves an unfinished zstd frame; every complete line is still read. */
class TruncatedZstdTest {
  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  @TempDir Path dir;

  private static List<String> oplogLines(int rows) {
    Random rnd = new Random(17);
    List<String> lines = new ArrayList<>();
    lines.add(OpLogFixtures.S3DLIO_HEADER);
    for (int i = 0; i < rows; i++) lines.add(OpLogFixtures.s3dlioRow(rnd, i));
    return lines;
  }

  private List<OpLogItem> readCut(byte[] bytes, int cut, BadRecordPolicy policy) throws Exception {
    Path p = write(dir, "cut-" + cut + ".tsv.zst", Arrays.copyOf(bytes, cut));
    return SourceTestUtils.readFromSource(
        OpLogIO.read().from(p.toString()).withBadRecords(policy).withQueueCapacity(16).source(),
        OPTIONS);
  }

  @Test
  void everyCompleteLineBeforeTheCutThenOneBadRecord() throws Exception {
    List<String> lines = oplogLines(150);
    OpLogFixtures.FlushedFrame f = OpLogFixtures.zstdFlushedPerLine(lines);
    long total = 0;
    for (String l : lines) total += utf8(l).length + 1;
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int c = 1; c < f.bytes.length; c += 97) cuts.add(c);
    for (int i : new int[] {0, 1, 2, 75, 148, 149, 150}) {
      cuts.add((int) f.ends[i]);
      cuts.add((int) f.ends[i] - 1);
      cuts.add((int) f.ends[i] + 1);
    }
    cuts.add(f.bytes.length - 1); // only the checksum's last byte missing
    cuts.add(f.bytes.length - 4);
    cuts.removeIf(c -> c < 1 || c >= f.bytes.length);
    int previous = -1;
    for (int cut : cuts) {
      int complete = 0; // lines, header included, whose compressed blocks all precede the cut
      while (complete < lines.size() && f.ends[complete] <= cut) complete++;
      List<OpLogItem> items = readCut(f.bytes, cut, BadRecordPolicy.SKIP);
      String at = "cut " + cut + " of " + f.bytes.length;
      assertEquals(Math.max(0, complete - 1) + 1, items.size(), at);
      for (int i = 0; i < items.size() - 1; i++) {
        OpLogItem item = items.get(i);
        assertFalse(item.isBad(), at);
        assertEquals(f.lineStarts.get(i + 1), item.offset(), at);
        assertEquals(i + 2, item.record().line(), at);
        assertEquals(OpLogRecord.Kind.S3DLIO, item.record().kind(), at);
      }
      OpLogItem tail = items.get(items.size() - 1);
      assertTrue(tail.isBad(), at);
      long expectedOffset = complete < lines.size() ? f.lineStarts.get(complete) : total;
      assertEquals(expectedOffset, tail.offset(), at);
      byte[] raw = tail.bad().raw();
      byte[] line = complete < lines.size() ? utf8(lines.get(complete)) : new byte[0];
      assertArrayEquals(Arrays.copyOf(line, raw.length), raw, at + ": raw is a prefix of the line");
      assertTrue(items.size() - 1 >= previous, "a longer prefix never yields fewer records");
      previous = items.size() - 1;
      if (cut % 5 == 0) {
        FormatException e =
            assertThrows(FormatException.class, () -> readCut(f.bytes, cut, BadRecordPolicy.FAIL));
        assertEquals(expectedOffset, e.offset(), at);
      }
    }
    List<OpLogItem> whole = readCut(f.bytes, f.bytes.length, BadRecordPolicy.FAIL);
    assertEquals(150, whole.size());
  }

  @Test
  void truncatedMultiFrameFileIsReadWholeUpToTheCut() throws Exception {
    List<String> lines = oplogLines(60);
    StringBuilder sb = new StringBuilder();
    for (String l : lines) sb.append(l).append('\n');
    byte[] data = utf8(sb.toString());
    int frameSize = 200;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> frameEnds = new ArrayList<>();
    for (int off = 0; off < data.length; off += frameSize) {
      out.write(Zstd.compress(Arrays.copyOfRange(data, off, Math.min(data.length, off + frameSize)), 3));
      frameEnds.add(out.size());
    }
    byte[] bytes = out.toByteArray();
    int k = frameEnds.size() / 2; // cut inside frame k
    int cut = frameEnds.get(k - 1) + (frameEnds.get(k) - frameEnds.get(k - 1)) / 2;
    long decoded = (long) k * frameSize;
    List<OpLogItem> items = readCut(bytes, cut, BadRecordPolicy.SKIP);
    long pos = 0;
    int expectedRecords = 0;
    long tornAt = -1;
    for (int i = 0; i < lines.size(); i++) {
      long end = pos + utf8(lines.get(i)).length + 1;
      if (end <= decoded) {
        if (i > 0) expectedRecords++;
      } else if (tornAt < 0) {
        tornAt = pos;
      }
      pos = end;
    }
    assertEquals(expectedRecords + 1, items.size());
    OpLogItem tail = items.get(items.size() - 1);
    assertTrue(tail.isBad());
    assertEquals(tornAt, tail.offset());
    for (int i = 0; i < expectedRecords; i++) assertFalse(items.get(i).isBad());
  }
}
