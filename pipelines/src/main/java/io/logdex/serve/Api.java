package io.logdex.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.logdex.cli.CliAnswer;
import io.logdex.cli.ExitCode;
import io.logdex.cli.SnapshotLookup;
import io.logdex.format.index.SortOrder;
import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import io.logdex.transforms.InputSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /api/*}: every answer JSON, every parameter checked before anything is read. get, search,
 * read-at and stats are the command line's own answers ({@link CliAnswer}); children and oplog are
 * the page's. A path is a kinded path into the document, never a file name, and the index
 * directory is fixed at start, so nothing outside the index is read. Bad input is a 4xx with
 * {@code {"error": one line}}; a 5xx means a damaged index or a bug, and is one line too.
 */
final class Api implements HttpHandler {
  static final int MAX_SEARCH_LIMIT = 1000;
  static final long DEFAULT_MAX_BYTES = 1 << 20;
  static final long MAX_MAX_BYTES = 64 << 20;
  /** Longest query string accepted (a kinded path is at most a few KiB in practice). */
  static final int MAX_QUERY_BYTES = 64 << 10;

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

  private final IndexPool pool;
  private final String index;
  private final Map<Integer, byte[]> opLogCache = new ConcurrentHashMap<>();

  Api(IndexPool pool, Path indexDir) {
    this.pool = pool;
    this.index = indexDir.toString();
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        throw new HttpError(405, "only GET is served");
      }
      String raw = ex.getRequestURI().getRawQuery();
      if (raw != null && raw.length() > MAX_QUERY_BYTES) throw new HttpError(414, "query string over " + MAX_QUERY_BYTES + " bytes");
      String route = ex.getRequestURI().getPath();
      switch (route) {
        case "/api/children" -> children(ex, Params.parse(raw, Set.of("path", "offset", "limit")));
        case "/api/get" -> get(ex, Params.parse(raw, Set.of("path", "maxBytes")));
        case "/api/search" -> search(ex, Params.parse(raw, Set.of("q", "limit", "sort")));
        case "/api/read-at" -> readAt(ex, Params.parse(raw, Set.of("path", "commit", "maxBytes")));
        case "/api/stats" -> stats(ex, Params.parse(raw, Set.of()));
        case "/api/info" -> info(ex, Params.parse(raw, Set.of()));
        case "/api/oplog" -> opLog(ex, Params.parse(raw, Set.of("points")));
        case "/api/path" -> pathSteps(ex, Params.parse(raw, Set.of("path")));
        default -> throw new HttpError(404, "no such API: " + Params.oneLine(route));
      }
    } catch (HttpError e) {
      sendError(ex, e.status, e.getMessage());
    } catch (Throwable t) { // a bug or a damaged index: one line, never a stack trace
      sendError(ex, 500, "internal error: " + Params.oneLine(String.valueOf(t.getMessage())));
    } finally {
      ex.close();
    }
  }

  private void children(HttpExchange ex, Params p) throws Exception {
    KindedPath path = path(p);
    long offset = p.number("offset", 0, 0, Long.MAX_VALUE >> 2);
    int limit = (int) p.number("limit", 100, 1, NodeChildren.MAX_LIMIT);
    NodeChildren.Page page;
    try {
      page = pool.with(out -> NodeChildren.list(out, path, offset, limit));
    } catch (NodeChildren.NotFound e) {
      throw new HttpError(404, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, e.getMessage());
    }
    sendJson(ex, 200, g -> {
      g.writeStartObject();
      g.writeStringField("path", page.path().toString());
      g.writeStringField("kind", page.kind());
      nullableNumber(g, "bytes", page.bytes());
      nullableNumber(g, "total", page.total());
      g.writeNumberField("offset", page.offset());
      g.writeBooleanField("more", page.more());
      g.writeArrayFieldStart("children");
      for (NodeChildren.Child c : page.children()) {
        g.writeStartObject();
        if (c.name() != null) g.writeStringField("name", c.name());
        else if (c.index() >= 0) g.writeNumberField("index", c.index());
        g.writeStringField("path", c.path().toString());
        g.writeStringField("kind", c.kind());
        g.writeNumberField("bytes", c.bytes());
        nullableNumber(g, "children", c.children());
        if (c.value() != null) g.writeStringField("value", c.value());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** The value as {@code logdex get} prints it, or 413 past maxBytes. */
  private void get(HttpExchange ex, Params p) throws Exception {
    KindedPath path = path(p);
    long max = p.number("maxBytes", DEFAULT_MAX_BYTES, 1, MAX_MAX_BYTES);
    // A container record far over the cap is refused before get streams it through a temp file
    // (a gigabyte's root would hold a worker for seconds only to be cut): its JSON is at least
    // a quarter of its bytes (whitespace and Tony's bare words are what shrink or grow).
    long recordBytes = pool.with(out -> {
      SnapshotLookup.Hit h = SnapshotLookup.findCurrent(out, path);
      return h != null && h.recordPath().equals(path) ? h.doc().length() : 0L;
    });
    if (recordBytes / 4 > max) throw tooLarge(max);
    sendCli(ex, "get", List.of("--index=" + index, "--", path.toString()), max);
  }

  private void readAt(HttpExchange ex, Params p) throws Exception {
    KindedPath path = path(p);
    long commit = p.number("commit", Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE);
    if (commit == Long.MIN_VALUE) throw new HttpError(400, "missing commit");
    long max = p.number("maxBytes", DEFAULT_MAX_BYTES, 1, MAX_MAX_BYTES);
    sendCli(ex, "read-at", List.of("--index=" + index, "--commit=" + commit, "--", path.toString()), max);
  }

  /** {@code {"hits": [...]}}: search's JSON lines, each as the command line prints it. */
  private void search(HttpExchange ex, Params p) throws Exception {
    String q = p.get("q", null);
    if (q == null || q.isBlank()) throw new HttpError(400, "missing q (a query)");
    long limit = p.number("limit", 10, 0, MAX_SEARCH_LIMIT);
    String sort = p.get("sort", null);
    if (sort != null && SortOrder.parse(sort) == null) throw new HttpError(400, "sort must be score, time or index");
    List<String> args = new ArrayList<>(List.of("--index=" + index, "--limit=" + limit));
    if (sort != null) args.add("--sort=" + sort);
    args.addAll(List.of("--", q));
    CappedBuffer buf = new CappedBuffer(MAX_MAX_BYTES);
    CliAnswer.Result r = run("search", args, buf);
    if (r.exitCode() != ExitCode.OK && r.exitCode() != ExitCode.NOT_FOUND) fail(r);
    sendJson(ex, 200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("hits");
      List<String> lines = new ArrayList<>();
      for (String line : buf.text().split("\n")) {
        if (!line.isEmpty()) lines.add(line);
      }
      for (String line : lines) g.writeRawValue(line);
      g.writeEndArray();
      // Where each hit belongs in the tree: the path its diff changes, or null (DiffPlace).
      g.writeArrayFieldStart("places");
      for (String line : lines) {
        KindedPath place = DiffPlace.of(MAPPER.readTree(line));
        if (place == null) g.writeNull();
        else g.writeString(place.toString());
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /**
   * {@code logdex stats}'s lines as an object: each {@code name<TAB>value} a member (a number when
   * it is one), the {@code term} lines an array {@code topTerms} of {docs, term}.
   */
  private void stats(HttpExchange ex, Params p) throws Exception {
    CappedBuffer buf = new CappedBuffer(MAX_MAX_BYTES);
    CliAnswer.Result r = run("stats", List.of("--index=" + index, "--top=100"), buf);
    if (r.exitCode() != ExitCode.OK) fail(r);
    sendJson(ex, 200, g -> {
      g.writeStartObject();
      List<String[]> terms = new ArrayList<>();
      for (String line : buf.text().split("\n")) {
        String[] f = line.split("\t", 3);
        if (f[0].equals("term") && f.length == 3) terms.add(f);
        else if (f.length == 2) numberOrString(g, f[0], f[1]);
      }
      g.writeArrayFieldStart("topTerms");
      for (String[] f : terms) {
        g.writeStartObject();
        numberOrString(g, "docs", f[1]);
        g.writeStringField("term", f[2]);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** What the page shows: which inputs the index has, and the commit range for the slider. */
  private void info(HttpExchange ex, Params p) throws Exception {
    record Info(boolean snapshot, boolean commitLog, boolean opLog, Long maxCommit) {}
    Info info = pool.with(out -> {
      boolean snapshot = false;
      boolean commitLog = false;
      boolean opLog = false;
      for (var c : out.manifest().chunks()) {
        if (out.isSnapshot(c.id())) snapshot = true;
        else if (c.entries() > 0 && out.isOperationLog(c.id())) opLog = true;
        else if (c.entries() > 0) commitLog = true;
      }
      for (InputSummary in : out.manifest().inputs()) if (in.kind().equals(InputSummary.SNAPSHOT)) snapshot = true;
      return new Info(snapshot, commitLog, opLog, out.manifest().hasMaxCommit() ? out.manifest().maxCommit() : null);
    });
    sendJson(ex, 200, g -> {
      g.writeStartObject();
      g.writeBooleanField("snapshot", info.snapshot());
      g.writeBooleanField("commitLog", info.commitLog());
      g.writeBooleanField("opLog", info.opLog());
      nullableNumber(g, "maxCommit", info.maxCommit());
      g.writeEndObject();
    });
  }

  private void opLog(HttpExchange ex, Params p) throws Exception {
    int n = (int) p.number("points", 2000, 1, OpLogSample.MAX_POINTS);
    byte[] body = opLogCache.get(n);
    if (body == null) {
      OpLogSample.Series s = pool.with(out -> OpLogSample.sample(out, n));
      body = json(g -> {
        g.writeStartObject();
        g.writeNumberField("total", s.total());
        g.writeNumberField("sampled", s.points().size());
        g.writeArrayFieldStart("points");
        for (OpLogSample.Point pt : s.points()) {
          g.writeStartArray();
          g.writeNumber(pt.t());
          g.writeNumber(pt.ms());
          g.writeString(pt.op());
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
      });
      // The index does not change while served; a few sizes at most are asked for.
      if (opLogCache.size() < 16) opLogCache.put(n, body);
    }
    send(ex, 200, "application/json", body);
  }

  /** The path spelled canonically, and its steps from the root: what the page expands to reveal it. */
  private void pathSteps(HttpExchange ex, Params p) throws Exception {
    KindedPath path = path(p);
    sendJson(ex, 200, g -> {
      g.writeStartObject();
      g.writeStringField("path", path.toString());
      g.writeArrayFieldStart("steps");
      for (int i = 1; i <= path.depth(); i++) {
        KindedPath step = path.prefix(i);
        g.writeStartObject();
        g.writeStringField("path", step.toString());
        if (step.lastSegment() instanceof PathSegment.Index ix) g.writeNumberField("index", ix.index());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static KindedPath path(Params p) throws HttpError {
    String text = p.get("path", "");
    try {
      return KindedPath.parse(text);
    } catch (IllegalArgumentException e) { // MalformedPathException among them
      throw new HttpError(400, Params.oneLine(e.getMessage()));
    }
  }

  /** Runs a query command; its output is the body, or its error an error answer. */
  private void sendCli(HttpExchange ex, String command, List<String> argv, long max) throws Exception {
    CappedBuffer buf = new CappedBuffer(max);
    CliAnswer.Result r = run(command, argv, buf);
    if (buf.overflowed()) throw tooLarge(max);
    if (r.exitCode() != ExitCode.OK) fail(r);
    send(ex, 200, "application/json", buf.bytes());
  }

  private static HttpError tooLarge(long max) {
    return new HttpError(413, "the value is over maxBytes=" + max + " bytes; ask for a deeper path, a larger"
        + " maxBytes (at most " + MAX_MAX_BYTES + "), or use the command line");
  }

  private static CliAnswer.Result run(String command, List<String> argv, CappedBuffer buf) {
    return CliAnswer.run(command, argv, buf);
  }

  /** A command's failure as an HTTP error: not found 404, usage 400, damaged data or a bug 500. */
  private static void fail(CliAnswer.Result r) throws HttpError {
    int status = switch (r.exitCode()) {
      case ExitCode.NOT_FOUND -> 404;
      case ExitCode.USAGE -> 400;
      default -> 500;
    };
    throw new HttpError(status, r.error().replace(" (try logdex ", " (see logdex ").replaceAll(" \\(see logdex [a-z-]+ --help\\)$", ""));
  }

  private static void numberOrString(JsonGenerator g, String name, String value) throws IOException {
    if (value.matches("-?[0-9]{1,18}")) g.writeNumberField(name, Long.parseLong(value));
    else g.writeStringField(name, value);
  }

  private static void nullableNumber(JsonGenerator g, String name, Long v) throws IOException {
    if (v == null) g.writeNullField(name);
    else g.writeNumberField(name, v);
  }

  interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] json(Writer w) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(b)) {
      w.write(g);
    }
    return b.toByteArray();
  }

  private static void sendJson(HttpExchange ex, int status, Writer w) throws IOException {
    send(ex, status, "application/json", json(w));
  }

  static void sendError(HttpExchange ex, int status, String message) throws IOException {
    byte[] body = json(g -> {
      g.writeStartObject();
      g.writeNumberField("status", status);
      g.writeStringField("error", message);
      g.writeEndObject();
    });
    send(ex, status, "application/json", body);
  }

  static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
  }

  /** An answer other than 200, with its one line. */
  static final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpError(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
