package io.logdex.io.oplog;

import static io.logdex.io.oplog.OpLogFixtures.utf8;
import static io.logdex.io.oplog.OpLogFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.io.coders.NodeCoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpLogSourceTest {
  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  @TempDir Path dir;

  static OpLogIO.Read read(Path p) {
    return OpLogIO.read().from(p.toString()).withBadRecords(BadRecordPolicy.SKIP);
  }

  /** The one unsplit source the planner makes for a file; what splitAtFraction is tested on. */
  static OpLogFileSource fileSource(Path p, OpLogIO.Read read) throws Exception {
    List<OpLogFileSource> s = read.source().split(Long.MAX_VALUE, OPTIONS);
    assertEquals(1, s.size());
    return s.get(0);
  }

  /** Items without their file name, so that the same content in two files compares equal. */
  static List<String> content(List<OpLogItem> items) throws Exception {
    List<String> out = new ArrayList<>();
    for (OpLogItem i : items) {
      if (i.isBad()) {
        BadRecord b = i.bad();
        out.add("bad " + b.offset() + " " + b.line() + " " + b.length() + " " + b.reason());
      } else {
        OpLogRecord r = i.record();
        out.add(r.offset() + " " + r.line() + " " + r.length() + " " + r.kind() + " "
            + Base64.getEncoder().encodeToString(CoderUtils.encodeToByteArray(NodeCoder.of(), r.fields())));
      }
    }
    return out;
  }

  /** Starts of the lines that hold a record or a bad record, by an independent scan. */
  static List<Long> contentLineStarts(String text) {
    byte[] b = utf8(text);
    List<Long> starts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= b.length; i++) {
      if (i == b.length || b[i] == '\n') {
        if (i > start || i < b.length) {
          if (!LineDecoder.isBlankOrComment(b, start, i - start)) starts.add((long) start);
        }
        start = i + 1;
      }
    }
    return starts;
  }

  @Test
  void adversarialJsonlSplitsReadEveryLineOnce() throws Exception {
    String text = OpLogFixtures.adversarialJsonl(new Random(1), 150);
    Path p = write(dir, "adversarial.jsonl", utf8(text));
    OpLogSource root = read(p).withBufferSize(64).withMaxLineBytes(400).source();
    List<OpLogItem> all = SourceTestUtils.readFromSource(root, OPTIONS);
    List<Long> offsets = new ArrayList<>();
    for (OpLogItem i : all) offsets.add(i.offset());
    assertEquals(contentLineStarts(text), offsets);
    assertTrue(all.stream().anyMatch(i -> i.isBad() && i.bad().reason().contains("maxLineBytes")));
    assertTrue(all.stream().anyMatch(i -> !i.isBad() && i.record().kind() == OpLogRecord.Kind.LOG_ENTRY));
    assertTrue(all.stream().anyMatch(i -> !i.isBad() && i.record().kind() == OpLogRecord.Kind.S3DLIO));
    OpLogItem last = all.get(all.size() - 1);
    assertEquals("no newline", last.record().fields().get("last").text());
    assertEquals(-1, last.record().line(), "a splittable file has no line numbers");
    for (long bundle : new long[] {1024, 100}) {
      List<OpLogFileSource> splits = root.split(bundle, OPTIONS);
      assertTrue(splits.size() > text.length() / bundle / 2, "split into " + splits.size());
      SourceTestUtils.assertSourcesEqualReferenceSource(root, splits, OPTIONS);
    }
  }

  @Test
  void splitAtFractionOnAdversarialLines() throws Exception {
    String text = "a\r\n\n{\"x\":1}\r\n# c\n{\"é\":\"😀\"}\n" + "{\"l\":\"" + "y".repeat(200)
        + "\"}\n[1]\n{\"z\":2}\n\n{\"w\":3}";
    Path p = write(dir, "small.jsonl", utf8(text));
    SourceTestUtils.assertSplitAtFractionExhaustive(
        fileSource(p, read(p).withBufferSize(16)), OPTIONS);
  }

  @Test
  void tsvSplitsMidFileKnowTheHeader() throws Exception {
    String text = OpLogFixtures.s3dlioTsv(new Random(2), 300);
    Path p = write(dir, "ops.tsv", utf8(text));
    OpLogSource root = read(p).source();
    List<OpLogItem> all = SourceTestUtils.readFromSource(root, OPTIONS);
    assertEquals(300, all.size());
    for (OpLogItem i : all) {
      assertFalse(i.isBad(), () -> i.bad().reason());
      assertEquals(OpLogRecord.Kind.S3DLIO, i.record().kind());
    }
    List<OpLogFileSource> splits = root.split(1024, OPTIONS);
    assertTrue(splits.size() > 20);
    SourceTestUtils.assertSourcesEqualReferenceSource(root, splits, OPTIONS);

    String small = OpLogFixtures.s3dlioTsv(new Random(3), 12).replace("\n", "\r\n");
    Path s = write(dir, "small.tsv", utf8(small + "# trailing comment"));
    SourceTestUtils.assertSplitAtFractionExhaustive(fileSource(s, read(s)), OPTIONS);
  }

  @Test
  void multiFrameZstdReadsLikeThePlainFile() throws Exception {
    String text = OpLogFixtures.adversarialJsonl(new Random(4), 120);
    byte[] plain = utf8(text);
    Path plainPath = write(dir, "plain.jsonl", plain);
    List<String> expected = content(SourceTestUtils.readFromSource(read(plainPath).source(), OPTIONS));
    for (boolean seekTable : new boolean[] {true, false}) {
      // 100-byte frames: most lines straddle a frame boundary.
      Path z = write(dir, "frames-" + seekTable + ".jsonl.zst", OpLogFixtures.zstdFrames(plain, 100, seekTable));
      OpLogSource root = read(z).source();
      List<OpLogItem> items = SourceTestUtils.readFromSource(root, OPTIONS);
      assertEquals(expected, content(items), "seek table " + seekTable);
      List<OpLogFileSource> splits = root.split(1024, OPTIONS);
      assertTrue(splits.size() > 3, "split into " + splits.size());
      for (OpLogFileSource s : splits) assertFalse(s.isWholeFile());
      SourceTestUtils.assertSourcesEqualReferenceSource(root, splits, OPTIONS);
      List<OpLogFileSource> tiny = root.split(1, OPTIONS);
      SourceTestUtils.assertSourcesEqualReferenceSource(root, tiny, OPTIONS);
    }
    String small = "{\"a\":1}\n{\"b\":\"" + "é".repeat(40) + "\"}\r\n\n# x\n{\"c\":3}\n[]\n{\"d\":4}";
    Path zs = write(dir, "small.jsonl.zst", OpLogFixtures.zstdFrames(utf8(small), 23, false));
    SourceTestUtils.assertSplitAtFractionExhaustive(fileSource(zs, read(zs)), OPTIONS);
  }

  /**
   * One zstd frame splits like the plain file: the same ranges of decompressed bytes (when as many
   * are asked for), so the same items in each; a split starts decompressing at the file's start.
   */
  @Test
  void streamedZstdSplitsLikeThePlainFile() throws Exception {
    String text = OpLogFixtures.adversarialJsonl(new Random(9), 300);
    byte[] plain = utf8(text);
    Path plainPath = write(dir, "plain.jsonl", plain);
    for (boolean declaresSize : new boolean[] {false, true}) {
      byte[] zstd = declaresSize ? OpLogFixtures.zstdFrames(plain, plain.length, false) : OpLogFixtures.zstdStreamed(plain);
      Path z = write(dir, "one-frame-" + declaresSize + ".jsonl.zst", zstd);
      OpLogSource root = read(z).source();
      for (int n = 2; n <= StreamSplits.MAX_SPLITS + 1; n++) {
        List<OpLogFileSource> splits = root.split((zstd.length - 1) / n + 1, OPTIONS);
        int want = Math.min(n, StreamSplits.MAX_SPLITS);
        assertEquals(want, splits.size(), "splits for " + n);
        List<OpLogFileSource> plainSplits = read(plainPath).source().split((plain.length - 1) / want + 1, OPTIONS);
        assertEquals(want, plainSplits.size());
        for (int i = 0; i < want; i++) {
          assertFalse(splits.get(i).isWholeFile());
          assertEquals(plainSplits.get(i).getStartOffset(), splits.get(i).getStartOffset());
          assertEquals(plainSplits.get(i).getEndOffset(), splits.get(i).getEndOffset());
          assertEquals(content(SourceTestUtils.readFromSource(plainSplits.get(i), OPTIONS)),
              content(SourceTestUtils.readFromSource(splits.get(i), OPTIONS)), "split " + i + " of " + want);
        }
      }
    }
    byte[] smallZstd = OpLogFixtures.zstdStreamed(utf8(OpLogFixtures.adversarialJsonl(new Random(11), 16)));
    Path zs = write(dir, "small-streamed.jsonl.zst", smallZstd);
    assertEquals(StreamSplits.MAX_SPLITS, read(zs).source().split(1, OPTIONS).size());
    List<OpLogFileSource> two = read(zs).source().split((smallZstd.length - 1) / 2 + 1, OPTIONS);
    assertEquals(2, two.size());
    SourceTestUtils.assertSplitAtFractionExhaustive(two.get(0), OPTIONS);
  }

  @Test
  void truncatedStreamedZstdIsReadWhole() throws Exception {
    byte[] z = OpLogFixtures.zstdStreamed(utf8(OpLogFixtures.adversarialJsonl(new Random(10), 200)));
    Path p = write(dir, "cut.jsonl.zst", java.util.Arrays.copyOf(z, z.length - 7));
    List<OpLogFileSource> splits = read(p).source().split(100, OPTIONS);
    assertEquals(1, splits.size());
    assertTrue(splits.get(0).isWholeFile());
  }

  @Test
  void streamedZstdAndGzipAreReadWholeWithLineNumbers() throws Exception {
    String text = OpLogFixtures.adversarialJsonl(new Random(5), 200);
    byte[] plain = utf8(text);
    Path plainPath = write(dir, "plain.jsonl", plain);
    List<String> expected =
        content(SourceTestUtils.readFromSource(read(plainPath).withLineNumbers().source(), OPTIONS));
    assertTrue(expected.get(0).split(" ")[1].equals("1") || expected.get(0).startsWith("bad"));
    Path z = write(dir, "streamed.jsonl.zst", OpLogFixtures.zstdStreamed(plain));
    Path g = write(dir, "plain.jsonl.gz", OpLogFixtures.gzip(plain));
    for (Path p : new Path[] {z, g}) {
      OpLogIO.Read r = read(p).withQueueCapacity(8).withChunkSize(333);
      // One zstd frame splits when it holds two desired bundles (above); gzip never does.
      List<OpLogFileSource> splits = r.source().split(p == z ? Long.MAX_VALUE : 100, OPTIONS);
      assertEquals(1, splits.size());
      assertTrue(splits.get(0).readsInBackground());
      assertEquals(expected, content(SourceTestUtils.readFromSource(r.source(), OPTIONS)), p.toString());
    }
  }

  @Test
  void lineNumbersArePhysicalLines() throws Exception {
    String text = "# header comment\r\n\n{\"a\":1}\n  \n{\"b\":2}\r\n{\"c\":3}";
    Path p = write(dir, "n.jsonl", utf8(text));
    List<OpLogItem> items = SourceTestUtils.readFromSource(read(p).withLineNumbers().source(), OPTIONS);
    assertEquals(List.of(3L, 5L, 6L), items.stream().map(i -> i.record().line()).toList());
    List<OpLogFileSource> splits = read(p).withLineNumbers().source().split(1, OPTIONS);
    assertEquals(1, splits.size(), "with line numbers a file is not split");
  }

  @Test
  void zstdIsRecognisedWhateverTheName() throws Exception {
    String text = OpLogFixtures.s3dlioTsv(new Random(6), 50);
    Path p = write(dir, "oplog-node7.log", OpLogFixtures.zstdStreamed(utf8(text)));
    List<OpLogItem> items = SourceTestUtils.readFromSource(read(p).source(), OPTIONS);
    assertEquals(50, items.size());
    for (OpLogItem i : items) assertEquals(OpLogRecord.Kind.S3DLIO, i.record().kind());
    assertEquals(2, items.get(0).record().line());
    FileFacts f = FilePlanner.inspect(FileSystems.matchSingleFileSpec(p.toString()),
        read(p).source().spec());
    assertEquals(OpLogFormat.TSV, f.format());
    assertEquals(org.apache.beam.sdk.io.Compression.ZSTD, f.compression());
  }

  /** A byte order mark before a TSV header or a first JSON line changes nothing but offsets. */
  @Test
  void aByteOrderMarkAtTheStartIsNotContent() throws Exception {
    String tsv = OpLogFixtures.s3dlioTsv(new Random(8), 20);
    byte[] plain = utf8(tsv);
    byte[] marked = new byte[plain.length + 3];
    marked[0] = (byte) 0xef;
    marked[1] = (byte) 0xbb;
    marked[2] = (byte) 0xbf;
    System.arraycopy(plain, 0, marked, 3, plain.length);
    List<OpLogItem> want = SourceTestUtils.readFromSource(read(write(dir, "a.tsv", plain)).source(), OPTIONS);
    List<OpLogItem> got = SourceTestUtils.readFromSource(read(write(dir, "b.tsv", marked)).source(), OPTIONS);
    assertEquals(20, got.size());
    for (int i = 0; i < got.size(); i++) {
      assertEquals(OpLogRecord.Kind.S3DLIO, got.get(i).record().kind(), "row " + i);
      assertEquals(want.get(i).record().fields(), got.get(i).record().fields(), "row " + i);
      assertEquals(want.get(i).offset() + 3, got.get(i).offset(), "row " + i);
    }
    Path jsonl = write(dir, "c.jsonl", utf8("\uFEFF{\"a\": 1}\n{\"b\": 2}\n"));
    List<OpLogItem> lines = SourceTestUtils.readFromSource(read(jsonl).source(), OPTIONS);
    assertEquals(2, lines.size());
    assertFalse(lines.get(0).isBad(), "the first line reads despite the mark");
    assertEquals(0, lines.get(0).offset(), "a line starts at its first byte, the mark included");
    assertEquals("1", lines.get(0).record().fields().get("a").text());
  }

  @Test
  void notZstdDespiteItsNameIsOneBadRecord() throws Exception {
    Path p = write(dir, "fake.jsonl.zst", "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
    List<OpLogItem> items = SourceTestUtils.readFromSource(read(p).source(), OPTIONS);
    assertEquals(1, items.size());
    assertTrue(items.get(0).isBad());
    assertEquals(0, items.get(0).offset());
  }

  @Test
  void emptyAndCommentOnlyFilesHaveNoItems() throws Exception {
    Path e = write(dir, "empty.tsv", new byte[0]);
    Path c = write(dir, "comments.jsonl", utf8("# a\n\n# b\n"));
    Path z = write(dir, "empty.jsonl.zst", OpLogFixtures.zstdStreamed(new byte[0]));
    for (Path p : new Path[] {e, c, z}) {
      assertEquals(List.of(), SourceTestUtils.readFromSource(read(p).source(), OPTIONS), p.toString());
      for (OpLogFileSource s : read(p).source().split(1, OPTIONS)) {
        assertEquals(List.of(), SourceTestUtils.readFromSource(s, OPTIONS));
      }
    }
  }
}
