package io.logdex.pipelines;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Polls a remote Flink job's counters ({@link FlinkJobMetrics}) on a daemon thread of its own, so a
 * slow or silent JobManager never holds up the launcher's progress loop, which reads the latest
 * figures from {@link #latest()}. It stops when the job ends (finished, failed, canceled) or when
 * closed. It never fails the build: the first error is told once (a note for the person) and
 * polling goes on, so the figures may come back; until they do, progress shows phases only.
 */
final class FlinkProgressPoller implements AutoCloseable {
  private final FlinkJobMetrics job;
  private final long intervalMillis;
  private final Consumer<String> note;
  private final Thread thread;
  private volatile FlinkJobMetrics.Counters latest;
  private volatile boolean closed;
  private boolean told;

  /** note: told once, on the poller's thread, why there are no figures (one line, no class names). */
  FlinkProgressPoller(FlinkJobMetrics job, long intervalMillis, Consumer<String> note) {
    this.job = job;
    this.intervalMillis = intervalMillis;
    this.note = note;
    this.thread = new Thread(this::loop, "logdex-flink-progress");
    thread.setDaemon(true);
  }

  FlinkProgressPoller start() {
    thread.start();
    return this;
  }

  /** The counters of the last answer, or null before any. */
  FlinkJobMetrics.Counters latest() {
    return latest;
  }

  private void loop() {
    while (!closed) {
      try {
        FlinkJobMetrics.Poll p = job.poll();
        if (p != null) {
          latest = p.counters();
          if (p.ended()) return;
        }
      } catch (IOException | RuntimeException e) {
        if (closed) return;
        if (!told) {
          told = true;
          note.accept("no live figures from the Flink cluster (" + reason(e) + "); showing phases only");
        }
      }
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static String reason(Exception e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) return "its REST API answered something other than JSON";
    if (e instanceof java.net.http.HttpTimeoutException) return "its REST API did not answer in time";
    String m = e.getMessage();
    if (e instanceof java.net.ConnectException || m == null || m.isBlank()) return "its REST API did not answer";
    return m.replaceAll("\\s+", " ");
  }

  /** Whether it still polls: false once the job ended, or once closed. */
  boolean polling() {
    return thread.isAlive();
  }

  /** Stops polling and waits briefly for the poller to end (it is a daemon either way). */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
