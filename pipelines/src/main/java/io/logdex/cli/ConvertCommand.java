package io.logdex.cli;

import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.encode.Transcoder;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.Tokenizer;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code logdex convert}: JSON and Tony wire to either, token by token, in bounded memory; stdout
 * gets the output whole or not at all ({@link WholeOutput}).
 */
final class ConvertCommand implements Command {
  private static final CommandOptions OPTIONS =
      CommandOptions.of().value("to", "FORM").flag("pretty").flag("stream").flag("single").value("buffer", "N")
      .value("format", "F");

  @Override
  public String name() {
    return "convert";
  }

  @Override
  public String summary() {
    return "convert JSON/Tony wire to canonical Tony wire or JSON, streaming";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex convert --to=json|wire [--pretty] [--stream|--single] [--format=auto|json|tony] FILE|-",
        "",
        "Reads JSON or Tony wire (one document, or a stream of them) and writes canonical Tony",
        "wire (one line per document) or JSON. Memory stays bounded for any input size.",
        "Tags have no JSON form: --to=json drops them and says how many on stderr.",
        "Output appears only once the whole input converted: it is written to a temp file in",
        "java.io.tmpdir (room for the output needed) and copied to stdout at the end, so a",
        "failure leaves stdout empty.",
        "",
        "  --to=json|wire  output form (required)",
        "  --pretty        indented JSON",
        "  --stream        the input is a stream of documents (default for .jsonl/.ndjson/.tony)",
        "  --single        the input is one document",
        PathsCommand.FORMAT_USAGE,
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    String to = a.require("to");
    OutputFormat format;
    switch (to) {
      case "json":
        format = a.flag("pretty") ? OutputFormat.JSON_PRETTY : OutputFormat.JSON;
        break;
      case "wire":
        if (a.flag("pretty")) throw new UsageException("--pretty applies to --to=json only");
        format = OutputFormat.WIRE;
        break;
      default:
        throw new UsageException("--to takes json or wire, got: " + to);
    }
    String file = a.onePositional("FILE or -");
    var opts = PathsCommand.options(a, file);
    // Wire streams (.tony) are commonly many documents, one per line.
    if (file.endsWith(".tony") && !a.flag("single")) opts = opts.withDocuments(DocumentMode.STREAM);
    long dropped;
    try (WholeOutput whole = new WholeOutput()) {
      Encoder enc = new Encoder(whole.stream(), format);
      try (Tokenizer t = Tokenizer.fromStream(Inputs.open(file), Inputs.label(file), opts)) {
        Transcoder.copy(t, enc);
      }
      enc.flush();
      whole.copyTo(out);
      dropped = enc.droppedTags();
    }
    if (dropped > 0) {
      err.println("logdex convert: JSON has no tags; dropped " + dropped);
    }
    return ExitCode.OK;
  }
}
