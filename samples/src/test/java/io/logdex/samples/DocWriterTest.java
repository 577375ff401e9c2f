package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random trees written through every DocWriter path read back identically in all formats. */
class DocWriterTest {
  private static final String[] TRICKY = {
    "", "a", "true", "null", "9lives", "-x", "app.kubernetes.io/name", "with space", "tab\there", "quote\"d",
    "back\\slash", "new\nline", "\u0001ctl", "Grüß", "日本語", "🚀 launch", "_ok-key_2", "a:b", "{x}", "!bang", "#hash"
  };

  /** A random value, written to {@code w} as it is built; returns what a reader should see. */
  private static Object write(DocWriter w, Random r, int depth, boolean wire) throws IOException {
    int kind = depth > 4 ? 4 + r.nextInt(6) : r.nextInt(10);
    switch (kind) {
      case 0:
      case 1: {
        boolean sparse = kind == 1;
        boolean tagged = r.nextInt(4) == 0;
        if (tagged) {
          w.tag(Lit.ascii("!merge"));
        }
        w.beginObject();
        Map<String, Object> m = new LinkedHashMap<>();
        int n = r.nextInt(5);
        int index = 0;
        for (int i = 0; i < n; i++) {
          String key;
          if (sparse) {
            index += r.nextInt(20);
            key = Integer.toString(index);
            w.key(index);
            index++;
          } else {
            key = TRICKY[r.nextInt(TRICKY.length)] + i;
            if (r.nextBoolean()) {
              w.key(Key.of(key));
            } else {
              w.key(new Text().add(key));
            }
          }
          m.put(key, write(w, r, depth + 1, wire));
        }
        w.endObject();
        return tagged && wire ? new MiniDoc.Tagged("!merge", m) : m;
      }
      case 2:
      case 3: {
        boolean tagged = r.nextInt(4) == 0;
        if (tagged) {
          w.tag(Lit.ascii("!key(name)"));
        }
        w.beginArray();
        List<Object> l = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          l.add(write(w, r, depth + 1, wire));
        }
        w.endArray();
        return tagged && wire ? new MiniDoc.Tagged("!key(name)", l) : l;
      }
      case 4: {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
          int pick = r.nextInt(10);
          b.appendCodePoint(pick == 0 ? r.nextInt(0x20) : pick == 1 ? 0x1F600 + r.nextInt(50)
              : pick == 2 ? "\"\\/".charAt(r.nextInt(3)) : pick == 3 ? 0x400 + r.nextInt(0x500) : 0x20 + r.nextInt(95));
        }
        String s = b.toString();
        if (r.nextBoolean()) {
          w.str(new Text().add(s));
        } else {
          w.literal(Lit.quoted(s));
        }
        return s;
      }
      case 5: {
        long v = r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(2000) - 1000;
        if (r.nextInt(50) == 0) {
          v = Long.MIN_VALUE;
        }
        w.num(v);
        return v;
      }
      case 6: {
        long t = r.nextInt(200_000) - 100_000;
        w.thousandths(t);
        return BigDecimal.valueOf(t, 3);
      }
      case 7: {
        boolean b = r.nextBoolean();
        w.bool(b);
        return b;
      }
      case 8:
        w.nul();
        return MiniDoc.NULL;
      default: {
        long v = r.nextLong() >>> 1;
        w.num(v);
        return v;
      }
    }
  }

  @Test
  void randomTreesRoundTripInEveryFormat() throws IOException {
    Random r = new Random(7);
    for (int round = 0; round < 400; round++) {
      for (DocFormat f : DocFormat.values()) {
        long seed = r.nextLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteSink sink = new ByteSink(out, 64 + r.nextInt(200)); // small buffers cross every boundary
        DocWriter w = new DocWriter(sink, f);
        Object expected = write(w, new Random(seed), 0, f == DocFormat.WIRE);
        w.endDocument();
        sink.flush();
        assertEquals(out.size(), sink.position(), "position counts every byte");
        byte[] bytes = out.toByteArray();
        Object actual = MiniDoc.parse(bytes, f == DocFormat.WIRE ? MiniDoc.Mode.TONY : MiniDoc.Mode.JSON);
        assertEquals(expected, actual, f + " round " + round + ": " + new String(bytes, StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void wireSpellsPlainKeysBareAndOthersQuoted() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteSink sink = new ByteSink(out, 64);
    DocWriter w = new DocWriter(sink, DocFormat.WIRE);
    w.beginObject();
    w.key(Key.of("name"));
    w.literal(Lit.quoted("x"));
    w.key(new Text().add("null"));
    w.num(1);
    w.key(Key.of("a.b"));
    w.beginObject();
    w.key(13);
    w.bool(true);
    w.endObject();
    w.key(Key.of("list"));
    w.tag(Lit.ascii("!key(name)"));
    w.beginArray();
    w.endArray();
    w.endObject();
    w.endDocument();
    sink.flush();
    assertEquals("{name: \"x\", \"null\": 1, \"a.b\": {13: true}, list: !key(name) []}\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void prettyJsonIndentsByTwo() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteSink sink = new ByteSink(out, 64);
    DocWriter w = new DocWriter(sink, DocFormat.PRETTY_JSON);
    w.beginObject();
    w.key(Key.of("a"));
    w.beginArray();
    w.num(1);
    w.beginObject();
    w.endObject();
    w.endArray();
    w.key(7);
    w.nul();
    w.endObject();
    w.endDocument();
    sink.flush();
    assertEquals("{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"7\": null\n}\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void endingADocumentInsideAContainerIsABug() throws IOException {
    DocWriter w = new DocWriter(new ByteSink(new ByteArrayOutputStream(), 64), DocFormat.JSON);
    w.beginArray();
    assertThrows(IllegalStateException.class, w::endDocument);
  }
}
