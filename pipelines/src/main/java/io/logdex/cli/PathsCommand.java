package io.logdex.cli;

import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.Syntax;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.io.common.DocumentFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code logdex paths}: one line per node in document order, {@code offset\tlength\tpath}.
 *
 * <p>A container's length is known only at its end, but its line comes before its children's. So
 * the first pass records every container's length by pre-order ordinal in a temp
 * file, and the second pass prints. Heap stays bounded for any input size; stdin is spooled to a
 * temp file because it cannot be read twice.
 */
final class PathsCommand implements Command {
  private static final CommandOptions OPTIONS =
      CommandOptions.of().flag("count", "-c").flag("stream").flag("single").value("buffer", "N")
      .value("format", "F");

  @Override
  public String name() {
    return "paths";
  }

  @Override
  public String summary() {
    return "list every node as <offset>\\t<length>\\t<kinded path>";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex paths [-c|--count] [--stream|--single] [--format=auto|json|tony] [--buffer=BYTES] FILE|-",
        "",
        "Prints one line per node except the root, in document order:",
        "  <offset>\\t<length>\\t<kinded path>",
        "The input bytes [offset, offset+length) are exactly the node's value, tags included.",
        "The whole input is read once (to measure containers) before the first line, so bad input",
        "fails with no output; the lines then stream, in bounded memory.",
        "",
        "  -c, --count  print only the number of lines",
        "  --stream     the input is a stream of documents (JSONL, Tony wire stream); every path",
        "               starts with the document's ordinal [n]. The default for .jsonl/.ndjson",
        "  --single     the input is one document (the default otherwise)",
        FORMAT_USAGE,
        "  --buffer=N   tokenizer buffer in bytes (default 65536)",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    String file = a.onePositional("FILE or -");
    TokenizerOptions opts = options(a, file);
    Path spooled = null;
    try {
      String source = file;
      if (file.equals("-")) {
        spooled = Files.createTempFile("logdex-stdin", ".json");
        try (InputStream in = Inputs.open("-")) {
          Files.copy(in, spooled, StandardCopyOption.REPLACE_EXISTING);
        }
        source = spooled.toString();
      }
      Opener open = opener(source, Inputs.label(file), opts);
      if (a.flag("count")) {
        out.println(count(open, opts.documents()));
      } else {
        list(open, opts.documents(), out);
      }
      return ExitCode.OK;
    } finally {
      if (spooled != null) Files.deleteIfExists(spooled);
    }
  }

  /** The --format line of the usage of every command that reads documents. */
  static final String FORMAT_USAGE = String.join("\n",
      "  --format=F   auto (default): strict RFC 8259 JSON, but Tony wire for names ending .tony",
      "               (also .tony.zst, .tony.gz); json or tony whatever the name. stdin is JSON");

  /** The syntax --format and the file's name say (stdin, "-", is named nothing: JSON). */
  static Syntax syntax(Args a, String file) {
    try {
      return DocumentFormat.parse(a.get("format", "auto")).syntaxFor(file);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--format takes auto, json or tony, got: " + a.get("format", ""));
    }
  }

  static TokenizerOptions options(Args a, String file) {
    if (a.flag("stream") && a.flag("single")) throw new UsageException("--stream and --single exclude each other");
    boolean stream =
        a.flag("stream")
            || (!a.flag("single") && (file.endsWith(".jsonl") || file.endsWith(".ndjson") || file.endsWith(".jsonl.zst")));
    TokenizerOptions o = TokenizerOptions.defaults().withDocuments(stream ? DocumentMode.STREAM : DocumentMode.SINGLE);
    long buf = a.getLong("buffer", TokenizerOptions.DEFAULT_BUFFER_SIZE);
    if (buf < 1 || buf > (1 << 30)) throw new UsageException("--buffer must be between 1 and 2^30");
    return o.withBufferSize((int) buf).withSyntax(syntax(a, file));
  }

  /** Opens a fresh tokenizer over the whole input; called once per pass. */
  interface Opener {
    Tokenizer open() throws IOException;
  }

  static Opener opener(String path, String label, TokenizerOptions opts) throws IOException {
    if (Inputs.isPlainFile(path)) {
      return () -> Tokenizer.fromChannel(FileChannel.open(Path.of(path)), 0, label, opts);
    }
    return () -> Tokenizer.fromStream(Inputs.open(path), label, opts);
  }

  /** Nodes that {@code paths} lists: every value except a single document's root. */
  private static boolean listed(Tokenizer t, DocumentMode mode) {
    return mode == DocumentMode.STREAM || t.depth() > 0;
  }

  static long count(Opener open, DocumentMode mode) throws IOException {
    long n = 0;
    try (Tokenizer t = open.open()) {
      for (TokenKind k = t.next(); k != TokenKind.END_OF_INPUT; k = t.next()) {
        if (startsNode(k) && listed(t, mode)) n++;
      }
    }
    return n;
  }

  static void list(Opener open, DocumentMode mode, PrintStream out) throws IOException {
    try (SpilledLongArray lengths = new SpilledLongArray()) {
      recordContainerLengths(open, lengths);
      long ordinal = 0;
      StringBuilder line = new StringBuilder(256);
      try (Tokenizer t = open.open()) {
        for (TokenKind k = t.next(); k != TokenKind.END_OF_INPUT; k = t.next()) {
          if (!startsNode(k)) continue;
          long length;
          if (k == TokenKind.BEGIN_OBJECT || k == TokenKind.BEGIN_ARRAY) {
            length = lengths.get(ordinal++);
          } else {
            length = t.offset() + t.length() - t.nodeOffset();
          }
          if (!listed(t, mode)) continue;
          line.setLength(0);
          line.append(t.nodeOffset()).append('\t').append(length).append('\t');
          t.appendPath(line);
          line.append('\n');
          out.append(line);
        }
      }
    }
  }

  private static void recordContainerLengths(Opener open, SpilledLongArray lengths) throws IOException {
    long[] stack = new long[64];
    int depth = 0;
    long next = 0;
    try (Tokenizer t = open.open()) {
      for (TokenKind k = t.next(); k != TokenKind.END_OF_INPUT; k = t.next()) {
        if (k == TokenKind.BEGIN_OBJECT || k == TokenKind.BEGIN_ARRAY) {
          if (depth == stack.length) stack = java.util.Arrays.copyOf(stack, depth * 2);
          stack[depth++] = next++;
        } else if (k == TokenKind.END_OBJECT || k == TokenKind.END_ARRAY) {
          lengths.set(stack[--depth], t.offset() + t.length() - t.nodeOffset());
        }
      }
    }
  }

  private static boolean startsNode(TokenKind k) {
    return k != TokenKind.KEY && k != TokenKind.TAG && k != TokenKind.END_OBJECT && k != TokenKind.END_ARRAY;
  }
}
