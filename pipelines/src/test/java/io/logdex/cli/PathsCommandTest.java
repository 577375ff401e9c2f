package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.format.tree.TreeParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathsCommandTest {
  @TempDir Path tmp;

  /**
   * Enough containers that their lengths spill past the in-memory pages; every listed span must
   * re-parse to the node at its path, and the lines come in document order.
   */
  @Test
  void everySpanReparsesToTheNodeAtItsPath() throws Exception {
    Random rnd = new Random(7);
    StringBuilder sb = new StringBuilder("{\"items\": [");
    for (int i = 0; i < 300_000; i++) {
      if (i > 0) sb.append(", ");
      switch (rnd.nextInt(4)) {
        case 0: sb.append("[").append(i).append(", {\"k\": \"v").append(i).append("\"}]"); break;
        case 1: sb.append("{\"a\": {\"b\": [").append(i).append("]}, \"s\": \"x,]}\\\"\"}"); break;
        case 2: sb.append("[]"); break;
        default: sb.append("{\"é\": ").append(i).append("}");
      }
    }
    sb.append("], \"tail\": {\"z\": null}}");
    byte[] doc = sb.toString().getBytes(StandardCharsets.UTF_8);
    Path f = tmp.resolve("doc.json");
    Files.write(f, doc);
    Node root = TreeParser.parse(doc, 0, doc.length, "doc.json");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
    int code = new Main(List.of(new PathsCommand())).run(List.of("paths", f.toString()), out, System.err);
    out.flush();
    assertEquals(ExitCode.OK, code);
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");

    ByteArrayOutputStream countBytes = new ByteArrayOutputStream();
    PrintStream countOut = new PrintStream(countBytes, false, StandardCharsets.UTF_8);
    new Main(List.of(new PathsCommand())).run(List.of("paths", "--count", f.toString()), countOut, System.err);
    countOut.flush();
    assertEquals(lines.length, Long.parseLong(countBytes.toString(StandardCharsets.UTF_8).trim()));

    long lastOffset = -1;
    for (int i = 0; i < lines.length; i++) {
      String[] cols = lines[i].split("\t", 3);
      long off = Long.parseLong(cols[0]);
      int len = Integer.parseInt(cols[1]);
      assertEquals(true, off >= lastOffset, "document order at line " + i);
      lastOffset = off;
      if (i % 53 != 0 && i < lines.length - 3) continue; // re-parse a sample; all spans are checked for order
      Node expected = NodePaths.get(root, KindedPath.parse(cols[2]));
      assertNotNull(expected, cols[2]);
      assertEquals(expected, TreeParser.parse(doc, (int) off, len, "span"), lines[i]);
    }
  }
}
