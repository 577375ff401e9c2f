package io.logdex.cli;

import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.encode.Transcoder;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.Tokenizer;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code logdex convert}: JSON and Tony wire to either, token by token, in bounded memory. */
final class ConvertCommand implements Command {
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
    Args a = Args.parse(argv, Set.of("to", "pretty", "stream", "single", "buffer", "format"), false);
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
    Encoder enc = new Encoder(out, format);
    try (Tokenizer t = Tokenizer.fromStream(Inputs.open(file), Inputs.label(file), opts)) {
      Transcoder.copy(t, enc);
    }
    enc.flush();
    if (enc.droppedTags() > 0) {
      err.println("logdex convert: JSON has no tags; dropped " + enc.droppedTags());
    }
    return ExitCode.OK;
  }
}
