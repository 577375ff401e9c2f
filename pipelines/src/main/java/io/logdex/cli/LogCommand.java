package io.logdex.cli;

import io.logdex.format.FormatException;
import io.logdex.format.log.EntryLogs;
import io.logdex.format.log.LogCompression;
import io.logdex.format.log.LogCursor;
import io.logdex.format.log.LogEntry;
import io.logdex.format.log.LogEntryCodec;
import io.logdex.format.log.LogReader;
import io.logdex.format.log.LogWriter;
import io.logdex.format.log.LogWriterOptions;
import io.logdex.format.token.Syntax;
import io.logdex.pipelines.EntryJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code logdex log write|dump|read}: thin wrappers over io.logdex.format.log for LogEntry logs. */
final class LogCommand implements Command {
  /** The longest input line write accepts: the reader's default record limit. */
  static final int MAX_LINE_BYTES = LogReader.DEFAULT_MAX_RECORD_BYTES;

  private static final CommandOptions WRITE =
      CommandOptions.of().value("from", "FILE").value("to", "FILE.log").flag("zstd").value("format", "F");
  private static final CommandOptions DUMP =
      CommandOptions.of().value("from", "POS").value("limit", "-n", "N").flag("json");
  private static final CommandOptions READ = CommandOptions.of();

  @Override
  public String name() {
    return "log";
  }

  @Override
  public String summary() {
    return "write, dump or read LogEntry log files (write --from=F --to=L | dump L | read L POS)";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex log write --from=FILE.jsonl|FILE.tony|- --to=FILE.log [--zstd] [--format=auto|json|tony]",
        "       logdex log dump FILE.log [--from=POS] [-n N|--limit=N] [--json]",
        "       logdex log read FILE.log POS",
        "",
        "write  one entry per input line ({commit, seq, timestamp, diff}; blank lines skipped); the",
        "       log appears only when complete. --zstd stores it compressed (zstd seekable format);",
        "       positions are the same either way. Lines are strict JSON, or Tony wire for a FILE",
        "       named .tony or --format=tony (--format=json|tony|auto, as for paths).",
        "dump   '<position>\\t<entry as JSON>' per record (--json: {\"position\": P, \"entry\": E}),",
        "       from the first record at or after POS;",
        "       lines stream as records are read: a damaged record ends the dump (exit 3) after",
        "       the lines before it ('logdex verify' lists every damage)",
        "read   the entry at POS as JSON; exit 1 when no record starts there",
        "",
        "JSON cannot hold Tony tags: dump and read drop them (the log keeps them).",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    if (argv.isEmpty()) throw new UsageException("expected write, dump or read");
    List<String> rest = argv.subList(1, argv.size());
    switch (argv.get(0)) {
      case "write":
        return write(WRITE.parse(rest), out);
      case "dump":
        return dump(DUMP.parse(rest), out);
      case "read":
        return read(READ.parse(rest), out, err);
      default:
        throw new UsageException("unknown log command '" + argv.get(0) + "' (write, dump or read)");
    }
  }

  private static int write(Args a, PrintStream out) throws IOException {
    String from = a.require("from");
    Path to = Path.of(a.require("to"));
    if (!a.positional().isEmpty()) throw new UsageException("unexpected argument " + a.positional().get(0));
    LogWriterOptions opts = LogWriterOptions.defaults()
        .withCompression(a.flag("zstd") ? LogCompression.ZSTD : LogCompression.NONE);
    String source = Inputs.label(from);
    Syntax syntax = PathsCommand.syntax(a, from);
    long entries = 0;
    LogWriter log = LogWriter.create(to, opts);
    try (InputStream in = Inputs.open(from)) {
      byte[] buf = new byte[64 * 1024];
      int len = 0;
      long lineNo = 0;
      long lineStart = 0;
      boolean eof = false;
      while (!eof) {
        int nl = -1;
        int scanned = 0;
        while (true) {
          for (int i = scanned; i < len; i++) {
            if (buf[i] == '\n') {
              nl = i;
              break;
            }
          }
          if (nl >= 0) break;
          scanned = len;
          if (len == buf.length) {
            if (len >= MAX_LINE_BYTES) {
              throw new FormatException("line longer than " + MAX_LINE_BYTES + " bytes", source,
                  lineStart, lineNo + 1, -1, null);
            }
            buf = Arrays.copyOf(buf, (int) Math.min((long) MAX_LINE_BYTES, buf.length * 2L));
          }
          int n = in.read(buf, len, buf.length - len);
          if (n < 0) {
            eof = true;
            break;
          }
          len += n;
        }
        int end = nl >= 0 ? nl : len;
        int lineLen = nl >= 0 ? nl + 1 : len;
        if (end == 0 && nl < 0) break;
        lineNo++;
        int stop = end > 0 && buf[end - 1] == '\r' ? end - 1 : end;
        if (!blank(buf, stop)) {
          LogEntry e;
          try {
            e = LogEntryCodec.read(buf, 0, stop, source, lineStart, syntax);
          } catch (FormatException x) {
            throw new FormatException(x.reason(), source, x.offset(), lineNo, x.column(), x.path(), x);
          }
          EntryLogs.append(log, e);
          entries++;
        }
        System.arraycopy(buf, lineLen, buf, 0, len - lineLen);
        len -= lineLen;
        lineStart += lineLen;
      }
      log.close();
    } finally {
      log.abort(); // no-op once closed
    }
    out.println("wrote " + entries + " entries to " + to);
    return ExitCode.OK;
  }

  private static boolean blank(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') return false;
    }
    return true;
  }

  private static int dump(Args a, PrintStream out) throws IOException {
    Path file = Path.of(a.onePositional("FILE.log"));
    long from = a.getLong("from", 0);
    long limit = a.getLong("limit", Long.MAX_VALUE);
    if (from < 0 || limit < 0) throw new UsageException("--from and --limit must not be negative");
    boolean json = a.flag("json");
    try (LogReader r = LogReader.open(file); LogCursor c = r.cursor(from)) {
      StringBuilder line = new StringBuilder(256);
      for (long n = 0; n < limit && c.next(); n++) {
        LogEntry e = EntryLogs.decode(c.payload(), r.source(), c.position());
        line.setLength(0);
        if (json) {
          line.append("{\"position\":").append(c.position()).append(",\"entry\":").append(EntryJson.json(EntryJson.node(e))).append('}');
        } else {
          line.append(c.position()).append('\t').append(EntryJson.json(EntryJson.node(e)));
        }
        out.println(line);
      }
    }
    return ExitCode.OK;
  }

  private static int read(Args a, PrintStream out, PrintStream err) throws IOException {
    if (a.positional().size() != 2) throw new UsageException("expected FILE.log POS");
    Path file = Path.of(a.positional().get(0));
    long pos;
    try {
      pos = Long.parseLong(a.positional().get(1));
    } catch (NumberFormatException e) {
      throw new UsageException("POS must be a whole number: " + a.positional().get(1));
    }
    if (pos < 0) throw new UsageException("POS must not be negative");
    try (LogReader r = LogReader.open(file)) {
      // A cursor resyncs from the block start, so an offset inside a record is "not found"
      // rather than a misread header.
      try (LogCursor c = r.cursor(pos)) {
        if (pos >= r.length() || !c.next() || c.position() != pos) {
          throw new NotFound("no record starts at " + pos + " in " + file);
        }
        out.println(EntryJson.json(EntryJson.node(EntryLogs.decode(c.payload(), r.source(), pos))));
      }
    } catch (NotFound e) {
      err.println("logdex log read: " + e.getMessage());
      return ExitCode.NOT_FOUND;
    }
    return ExitCode.OK;
  }

  private static final class NotFound extends IOException {
    private static final long serialVersionUID = 1L;

    NotFound(String m) {
      super(m);
    }
  }
}
