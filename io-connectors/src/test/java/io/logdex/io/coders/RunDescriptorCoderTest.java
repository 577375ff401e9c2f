package io.logdex.io.coders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.index.RunDescriptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class RunDescriptorCoderTest {
  private static final RunDescriptor TERMS = new RunDescriptor(RunDescriptor.Kind.TERMS, 63,
      "/data/out/g000001/tmp/runs/p00063-c016383-s0001.run", 1_000_000L, 64L << 20);
  private static final RunDescriptor DOCS = new RunDescriptor(RunDescriptor.Kind.DOCS, -1, "d.run", 0, 0);

  @Test
  void roundTripsEveryFieldAndIsDeterministic() throws Exception {
    for (RunDescriptor d : new RunDescriptor[] {TERMS, DOCS,
        new RunDescriptor(RunDescriptor.Kind.TERMS, 65535, "é/ü", Long.MAX_VALUE, Long.MAX_VALUE)}) {
      byte[] b = CoderUtils.encodeToByteArray(RunDescriptorCoder.of(), d);
      assertEquals(d, CoderUtils.decodeFromByteArray(RunDescriptorCoder.of(), b));
      assertTrue(Arrays.equals(b, CoderUtils.encodeToByteArray(RunDescriptorCoder.of(), d)));
    }
    RunDescriptorCoder.of().verifyDeterministic();
  }

  @Test
  void isAFifthOfJavaSerialization() throws Exception {
    int ours = CoderUtils.encodeToByteArray(RunDescriptorCoder.of(), TERMS).length;
    int java = CoderUtils.encodeToByteArray(SerializableCoder.of(RunDescriptor.class), TERMS).length;
    assertTrue(ours * 4 < java, ours + " vs " + java);
  }

  @Test
  void truncatedOrBadBytesAreCoderErrors() throws Exception {
    byte[] b = CoderUtils.encodeToByteArray(RunDescriptorCoder.of(), TERMS);
    for (int n = 0; n < b.length; n++) {
      byte[] cut = Arrays.copyOf(b, n);
      assertThrows(IOException.class, () -> RunDescriptorCoder.of().decode(new ByteArrayInputStream(cut)), "cut at " + n);
    }
    byte[] bad = b.clone();
    bad[0] = 9;
    assertThrows(CoderException.class, () -> RunDescriptorCoder.of().decode(new ByteArrayInputStream(bad)));
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    assertThrows(CoderException.class, () -> RunDescriptorCoder.of().encode(null, o));
  }
}
