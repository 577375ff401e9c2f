package io.logdex.transforms;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Puts every element of a small collection (chunk tasks, grouped runs) into one bundle: one key,
 * one group, its elements emitted by one DoFn call. {@link BundleWorkers} then spreads them over
 * threads within that bundle. Not for collections of records: the group is one element.
 */
final class OneBundle<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;

  static <T> OneBundle<T> of() {
    return new OneBundle<>();
  }

  @Override
  public PCollection<T> expand(PCollection<T> in) {
    Coder<T> coder = in.getCoder();
    return in.apply("OneKey", WithKeys.<Integer, T>of(0))
        .setCoder(KvCoder.of(VarIntCoder.of(), coder))
        .apply("Group", GroupByKey.create())
        .apply("Ungroup", ParDo.of(new Ungroup<T>()))
        .setCoder(coder);
  }

  private static final class Ungroup<T> extends DoFn<KV<Integer, Iterable<T>>, T> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<T>> group, OutputReceiver<T> out) {
      for (T t : group.getValue()) out.output(t);
    }
  }
}
