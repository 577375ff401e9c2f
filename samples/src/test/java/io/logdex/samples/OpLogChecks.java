package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Column-by-column validation of s3dlio op-log text, independent of the generator. */
final class OpLogChecks {
  static final String HEADER =
      "idx\tthread\top\tclient_id\tn_objects\tbytes\tendpoint\tfile\terror\tstart\tfirst_byte\tend\tduration_ns";
  static final Set<String> OPS = Set.of("GET", "PUT", "HEAD", "DELETE", "LIST", "DELETE_PREFIX",
      "CREATE_CONTAINER", "DELETE_CONTAINER", "GET_RANGE", "STAT");
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
  private static final Pattern ENDPOINT = Pattern.compile("(s3|az|gs)://[a-z0-9][a-z0-9.-]*|file://|direct://");
  private static final Pattern DIGITS = Pattern.compile("0|[1-9][0-9]*");

  static final class Stats {
    int records;
    int errors;
    int emptyFirstByte;
    int startOutOfOrder;
    long lineBytes;
  }

  private OpLogChecks() {}

  static long nanos(String rfc3339) {
    assertTrue(TIME.matcher(rfc3339).matches(), "RFC 3339 UTC with nanoseconds: " + rfc3339);
    Instant t = Instant.parse(rfc3339);
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static BigInteger unsigned(String s, int bits, String what) {
    assertTrue(DIGITS.matcher(s).matches(), what + " is a decimal: " + s);
    BigInteger v = new BigInteger(s);
    assertTrue(v.bitLength() <= bits, what + " fits u" + bits + ": " + s);
    return v;
  }

  /** Validates a whole TSV op-log; returns counts for distribution checks. */
  static Stats checkTsv(String text, int expectedRecords) {
    assertTrue(text.startsWith(HEADER + "\n"), "exact s3dlio header");
    assertTrue(text.endsWith("\n"), "ends with a newline");
    String[] lines = text.substring(HEADER.length() + 1).split("\n");
    if (expectedRecords == 0) {
      assertEquals(HEADER.length() + 1, text.length());
      return new Stats();
    }
    assertEquals(expectedRecords, lines.length, "records");
    Stats s = new Stats();
    long lastEnd = Long.MIN_VALUE;
    long lastStart = Long.MIN_VALUE;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String[] f = line.split("\t", -1);
      assertEquals(13, f.length, "13 columns in line " + i + ": " + line);
      assertEquals(String.valueOf(i), f[0], "idx counts records from 0");
      unsigned(f[1], 64, "thread");
      assertTrue(OPS.contains(f[2]), "op " + f[2]);
      assertFalse(f[3].isEmpty(), "client_id");
      unsigned(f[4], 32, "n_objects");
      unsigned(f[5], 64, "bytes");
      assertTrue(ENDPOINT.matcher(f[6]).matches(), "endpoint " + f[6]);
      String file = f[7];
      assertFalse(file.isEmpty() || file.contains("://"), "file is a URI without scheme: " + file);
      if (f[6].startsWith("file://") || f[6].startsWith("direct://")) {
        assertTrue(file.startsWith("/"), "local paths are absolute: " + file);
      } else {
        String bucket = f[6].substring(f[6].indexOf("://") + 3);
        assertTrue(file.equals(bucket) || file.startsWith(bucket + "/"), "file under the endpoint's bucket: " + file);
      }
      if (!f[8].isEmpty()) {
        s.errors++;
      }
      long start = nanos(f[9]);
      long end = nanos(f[11]);
      if (f[10].isEmpty()) {
        s.emptyFirstByte++;
      } else {
        long firstByte = nanos(f[10]);
        assertTrue(start <= firstByte && firstByte <= end, "first_byte within [start, end] in line " + i);
      }
      assertEquals(BigInteger.valueOf(end - start), unsigned(f[12], 64, "duration_ns"), "duration_ns == end - start");
      assertTrue(end >= lastEnd, "idx is completion order: end never decreases (line " + i + ")");
      if (start < lastStart) {
        s.startOutOfOrder++;
      }
      lastEnd = end;
      lastStart = start;
      s.lineBytes += line.length() + 1;
    }
    s.records = lines.length;
    assertTrue(s.startOutOfOrder > 0 || lines.length < 10, "idx is not sorted by start");
    return s;
  }

  /** The first {@code n} JSONL records carry exactly the values of the first {@code n} TSV lines. */
  @SuppressWarnings("unchecked")
  static void assertJsonlMatchesTsv(byte[] jsonl, String tsv, int n) {
    List<Object> docs = MiniDoc.parseLines(jsonl, MiniDoc.Mode.JSON);
    assertEquals(n, docs.size());
    String[] header = HEADER.split("\t");
    String[] lines = tsv.split("\n");
    for (int i = 0; i < n; i++) {
      Map<String, Object> doc = (Map<String, Object>) docs.get(i);
      assertEquals(List.of(header), List.copyOf(doc.keySet()), "JSONL keys are the TSV columns in order");
      String[] f = lines[i + 1].split("\t", -1);
      for (int c = 0; c < header.length; c++) {
        Object v = doc.get(header[c]);
        String expected = f[c];
        if (v == MiniDoc.NULL) {
          assertTrue(expected.isEmpty(), header[c] + " null only where TSV is empty, line " + i);
        } else if (v instanceof String) {
          assertEquals(expected, v, header[c] + " line " + i);
        } else {
          assertEquals(expected, v.toString(), header[c] + " line " + i);
        }
        if (expected.isEmpty()) {
          assertTrue(v == MiniDoc.NULL, header[c] + " empty in TSV is null in JSONL, line " + i);
        }
      }
    }
  }
}
