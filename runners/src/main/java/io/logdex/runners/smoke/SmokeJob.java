package io.logdex.runners.smoke;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * A small deterministic Beam job that proves the cluster machinery (runners/flink/it.sh) until the
 * real {@code logdex build} exists: read {@code key TAB payload} lines with TextIO, digest each
 * line, combine per key, and write one sorted file {@code OUTPUT/counts.tsv} of {@code key TAB count
 * TAB digestSum}. The output depends on every input byte and on nothing else, so a run that lost a
 * TaskManager and restarted must match a DirectRunner run byte for byte.
 */
public final class SmokeJob {
  public static final String OUTPUT_FILE = "counts.tsv";

  public interface Options extends PipelineOptions {
    @Description("Input file or glob of key<TAB>payload lines (see SmokeInput)")
    @Validation.Required
    String getInput();

    void setInput(String value);

    @Description("Output directory; the job writes " + OUTPUT_FILE + " into it")
    @Validation.Required
    String getOutput();

    void setOutput(String value);

    @Description("SHA-256 rounds per line, to make the job as CPU-bound as a test needs")
    @Default.Integer(1)
    int getDigestRounds();

    void setDigestRounds(int value);
  }

  private SmokeJob() {}

  /** Lines in, one element out: the whole sorted {@code key TAB count TAB digestSum} text. */
  public static PCollection<String> countKeys(PCollection<String> lines, int digestRounds) {
    return lines
        .apply("Digest", ParDo.of(new LineDigest(digestRounds)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("TallyPerKey", Combine.perKey(new TallyFn()))
        .apply(
            "Format",
            MapElements.into(TypeDescriptors.strings())
                .via((KV<String, Tally> kv) -> kv.getKey() + "\t" + kv.getValue()))
        // withoutDefaults: an empty input writes an empty file, not one blank line.
        .apply("Sort", Combine.globally(new SortedLines()).withoutDefaults());
  }

  public static Pipeline create(Options options) {
    Pipeline p = Pipeline.create(options);
    PCollection<String> lines = p.apply("Read", TextIO.read().from(options.getInput()));
    String out = options.getOutput().endsWith("/") ? options.getOutput() : options.getOutput() + "/";
    countKeys(lines, options.getDigestRounds())
        .apply("Write", TextIO.write().to(out + OUTPUT_FILE).withoutSharding());
    return p;
  }

  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    long t0 = System.nanoTime();
    PipelineResult.State state = create(options).run().waitUntilFinish();
    System.err.printf(
        "SmokeJob: %s in %.1f s (runner %s)%n",
        state, (System.nanoTime() - t0) / 1e9, options.getRunner().getSimpleName());
    System.exit(state == PipelineResult.State.DONE ? 0 : 1);
  }
}
