package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logdex.pipelines.BuildProgress.Phase;
import io.logdex.pipelines.BuildProgress.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A note (e.g. that a remote cluster's figures cannot be read) is a line of its own in either mode. */
class ProgressPrinterTest {
  private final Snapshot ingest = new Snapshot(Phase.INGEST, 0, 1_000_000, 0, 0, 0, 2, 0, 3, 0, 0, 1.0, 1.0);

  @Test
  void onATerminalANoteEndsTheRedrawnLineAndTheNextSampleStartsAnew() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressPrinter p = ProgressPrinter.of("tty", true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    p.progress(ingest);
    p.note("no live figures from the Flink cluster (its REST API did not answer); showing phases only");
    p.progress(ingest);
    p.end();
    String line = "logdex build: ingest: 0.0 of 1.0 MB (0%), 0/2 chunks, 0 records, 0 bad, 0.0 MB/s, ETA ?";
    assertEquals("\r" + line + "\n"
        + "logdex build: no live figures from the Flink cluster (its REST API did not answer); showing phases only\n"
        + "\r" + line + "\n", bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }

  @Test
  void inALogANoteIsOneLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressPrinter p = ProgressPrinter.of("lines", false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    p.progress(ingest);
    p.note("no live figures");
    p.end();
    assertEquals("logdex build: no live figures\n", bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }
}
