package io.logdex.io.oplog;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/** Sends records and bad records to their outputs, counting both and their bytes. */
final class RouteItemsFn extends DoFn<OpLogItem, OpLogRecord> {
  private static final long serialVersionUID = 1L;

  private final TupleTag<BadRecord> deadLetters;
  private final Counter records = Metrics.counter(OpLogIO.class, OpLogIO.RECORDS_COUNTER);
  private final Counter bad = Metrics.counter(OpLogIO.class, OpLogIO.BAD_RECORDS_COUNTER);
  private final Counter bytes = Metrics.counter(OpLogIO.class, OpLogIO.BYTES_COUNTER);

  RouteItemsFn(TupleTag<BadRecord> deadLetters) {
    this.deadLetters = deadLetters;
  }

  @ProcessElement
  public void process(@Element OpLogItem item, MultiOutputReceiver out) {
    bytes.inc(item.length());
    if (item.isBad()) {
      bad.inc();
      out.get(deadLetters).output(item.bad());
    } else {
      records.inc();
      out.get(OpLogIO.RECORDS).output(item.record());
    }
  }
}
