package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A closed reader is garbage: nothing the thread keeps (a ThreadLocal cursor once did) holds it. */
class ReaderReleaseTest {
  @TempDir Path tmp;

  @Test
  void aClosedReaderThatDidLookupsIsCollected() throws IOException, InterruptedException {
    IndexFixture f = IndexFixture.generate(3, 200);
    Path dir = tmp.resolve("index");
    f.build(dir, tmp.resolve("work"), new IndexOptions(2, 10), BuildOptions.defaults(), 1, 1);
    WeakReference<TermDictionaryReader> dict = openLookUpAndClose(dir);
    for (int i = 0; i < 20 && dict.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(dict.get(), "a closed reader's dictionary is still reachable");
  }

  private static WeakReference<TermDictionaryReader> openLookUpAndClose(Path dir)
      throws IOException {
    try (IndexReader r = IndexReader.open(dir, ReaderOptions.defaults())) {
      r.count(Query.parse("common op:GET"));
      r.docFreq(Terms.word("common"));
      java.lang.reflect.Field dicts = IndexReader.class.getDeclaredField("dicts");
      dicts.setAccessible(true);
      TermDictionaryReader[] all = (TermDictionaryReader[]) dicts.get(r);
      return new WeakReference<>(all[Partitioner.partition(Terms.word("common"), all.length)]);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
