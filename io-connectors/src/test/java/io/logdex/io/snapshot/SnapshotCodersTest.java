package io.logdex.io.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.VarInt;
import org.junit.jupiter.api.Test;

class SnapshotCodersTest {
  private static SnapshotRecord randomRecord(Random r) {
    boolean sub = r.nextBoolean();
    // null: a path over the term cap, which the cutter does not spell.
    String path = java.util.Arrays.asList("", "a.b[3]", "'x\"}'{7}", "é日😀.\ud800", "[12].\"a b\"", null)
        .get(r.nextInt(6));
    long offset = r.nextInt(1 << 20);
    int length = 1 + r.nextInt(300);
    byte[] bytes = null;
    if (sub && r.nextBoolean()) {
      bytes = new byte[length];
      r.nextBytes(bytes);
    }
    long children = sub && r.nextBoolean() ? SnapshotRecord.SCALAR : r.nextInt(1000);
    return new SnapshotRecord("gs://b/snap-" + r.nextInt(9) + ".json.zst",
        sub ? SnapshotRecord.Kind.SUBDOCUMENT : SnapshotRecord.Kind.CONTAINER, path, offset,
        length, children, bytes);
  }

  @Test
  void roundTripsAndIsDeterministic() throws Exception {
    Random r = new Random(5);
    for (int i = 0; i < 200; i++) {
      SnapshotRecord rec = randomRecord(r);
      CoderProperties.coderDecodeEncodeEqual(SnapshotRecordCoder.of(), rec);
      CoderProperties.coderDeterministic(SnapshotRecordCoder.of(), rec, rec);
      CoderProperties.coderDecodeEncodeEqual(SnapshotItemCoder.of(), SnapshotItem.of(rec));
      SnapshotDeadLetter d = new SnapshotDeadLetter("f", r.nextInt(100), r.nextInt(100) - 1,
          r.nextInt(5) - 1, r.nextInt(5) - 1, r.nextBoolean() ? null : rec.path(), "bad \u00e9",
          r.nextInt(100));
      CoderProperties.coderDecodeEncodeEqual(SnapshotDeadLetterCoder.of(), d);
      CoderProperties.coderDecodeEncodeEqual(SnapshotItemCoder.of(), SnapshotItem.of(d));
    }
  }

  @Test
  void hostileLengthDoesNotAllocateItsValue() throws Exception {
    SnapshotRecord rec = new SnapshotRecord("f", SnapshotRecord.Kind.SUBDOCUMENT, "a", 0, 3,
        SnapshotRecord.SCALAR, new byte[] {'"', 'x', '"'});
    byte[] good = CoderUtils.encodeToByteArray(SnapshotRecordCoder.of(), rec);
    // Rewrite the byte-array length (the varint before the last 3 bytes) to claim 2 GiB - 1.
    ByteArrayOutputStream hostile = new ByteArrayOutputStream();
    hostile.write(good, 0, good.length - 4);
    VarInt.encode(Integer.MAX_VALUE, hostile);
    hostile.write(new byte[] {'"', 'x', '"'});
    assertThrows(EOFException.class,
        () -> SnapshotRecordCoder.of().decode(new ByteArrayInputStream(hostile.toByteArray())));
    // Bytes that disagree with the length field are refused, not trusted.
    ByteArrayOutputStream shorter = new ByteArrayOutputStream();
    shorter.write(good, 0, good.length - 4);
    VarInt.encode(2, shorter);
    shorter.write(new byte[] {'"', '"'});
    assertThrows(CoderException.class,
        () -> SnapshotRecordCoder.of().decode(new ByteArrayInputStream(shorter.toByteArray())));
    assertThrows(CoderException.class,
        () -> SnapshotItemCoder.of().decode(new ByteArrayInputStream(new byte[] {7})));
  }

  @Test
  void recordPositionsAndValidation() throws IOException {
    SnapshotRecord c = new SnapshotRecord("f", SnapshotRecord.Kind.CONTAINER, "a", 10, 5, 2, null);
    assertEquals(14, c.position());
    SnapshotRecord s = new SnapshotRecord("f", SnapshotRecord.Kind.SUBDOCUMENT, "a", 10, 0,
        SnapshotRecord.SCALAR, new byte[0]);
    assertEquals(10, s.position());
    assertEquals(io.logdex.format.tree.Node.NULL, s.parse());
    assertThrows(IllegalArgumentException.class, () -> new SnapshotRecord("f",
        SnapshotRecord.Kind.CONTAINER, "a", 0, 5, 2, new byte[5]));
    assertThrows(IllegalArgumentException.class, () -> new SnapshotRecord("f",
        SnapshotRecord.Kind.CONTAINER, "a", 0, 5, -1, null));
  }
}
