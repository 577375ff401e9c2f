package io.logdex.format.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Records each node's span in start (document) order, checking that starts and ends nest. */
final class RecordingListener implements NodeListener {
  record Span(long start, long end, String path) {}

  private final List<long[]> bounds = new ArrayList<>();
  private final List<String> paths = new ArrayList<>();
  private final ArrayDeque<Integer> open = new ArrayDeque<>();

  @Override
  public void nodeStart(long offset, CharSequence path) {
    open.push(bounds.size());
    bounds.add(new long[] {offset, -1});
    paths.add(path.toString());
  }

  @Override
  public void nodeEnd(long endOffset, CharSequence path) {
    int i = open.pop();
    assertEquals(paths.get(i), path.toString(), "end path differs from start path");
    bounds.get(i)[1] = endOffset;
  }

  List<Span> spans() {
    assertEquals(0, open.size(), "nodes left open");
    List<Span> out = new ArrayList<>();
    for (int i = 0; i < bounds.size(); i++) {
      out.add(new Span(bounds.get(i)[0], bounds.get(i)[1], paths.get(i)));
    }
    return out;
  }
}
