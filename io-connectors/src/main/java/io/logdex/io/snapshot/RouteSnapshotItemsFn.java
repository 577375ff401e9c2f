package io.logdex.io.snapshot;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/** Sends records and dead letters to their outputs, counting them and the bytes records cover. */
final class RouteSnapshotItemsFn extends DoFn<SnapshotItem, SnapshotRecord> {
  private static final long serialVersionUID = 1L;

  private final TupleTag<SnapshotDeadLetter> deadLetters;
  private final Counter subDocuments =
      Metrics.counter(SnapshotIO.class, SnapshotIO.SUB_DOCUMENTS_COUNTER);
  private final Counter containers =
      Metrics.counter(SnapshotIO.class, SnapshotIO.CONTAINERS_COUNTER);
  private final Counter bad = Metrics.counter(SnapshotIO.class, SnapshotIO.DEAD_LETTERS_COUNTER);
  private final Counter bytes = Metrics.counter(SnapshotIO.class, SnapshotIO.BYTES_COUNTER);

  RouteSnapshotItemsFn(TupleTag<SnapshotDeadLetter> deadLetters) {
    this.deadLetters = deadLetters;
  }

  @ProcessElement
  public void process(@Element SnapshotItem item, MultiOutputReceiver out) {
    if (item.isDeadLetter()) {
      bad.inc();
      out.get(deadLetters).output(item.deadLetter());
      return;
    }
    SnapshotRecord r = item.record();
    if (r.isSubDocument()) {
      subDocuments.inc();
      bytes.inc(r.length());
    } else {
      containers.inc();
    }
    out.get(SnapshotIO.RECORDS).output(r);
  }
}
