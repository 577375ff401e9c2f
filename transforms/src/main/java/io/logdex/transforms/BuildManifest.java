package io.logdex.transforms;

import io.logdex.format.FormatException;
import io.logdex.format.ManifestChecksum;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.index.IndexManifest;
import io.logdex.io.common.DocumentFormat;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The build's {@code manifest.json} at the top of the output directory: which generation is
 * current, what went in (inputs with sizes and CRC-32C, chunks with their logs and counts), what
 * came out, and how the run went. The index inside the generation has its own manifest
 * ({@link IndexManifest}); this one is written last and names the generation, so replacing it is
 * the build's commit. Layout and members: docs/FORMAT.md, "build outputs".
 */
public final class BuildManifest {
  public static final String FORMAT_NAME = "logdex-build";
  public static final int VERSION = 2;
  /**
   * Members that describe the run rather than the output; they differ between equal builds (the
   * checksum covers them).
   */
  public static final List<String> RUN_MEMBERS = List.of("options", "runner", "timings", "summary", "crc32c");

  /** The largest manifest a reader takes (a hostile size allocates nothing). */
  public static final long MAX_BYTES = 256L << 20;

  private final Node root;
  private final String source;
  private final String generation;
  private final List<String> retained;
  private final List<InputSummary> inputs;
  private final List<ChunkSummary> chunks;

  private BuildManifest(Node root, String source) throws FormatException {
    this.root = root;
    this.source = source;
    if (!root.isObject()) throw new FormatException("build manifest is not a JSON object", source, 0);
    Node format = root.get("format");
    if (format == null || format.kind() != Node.Kind.STRING || !FORMAT_NAME.equals(format.text())) {
      throw new NotABuildManifestException(source);
    }
    long v = num(root, "formatVersion");
    if (v != VERSION) {
      throw new FormatException(
          "build manifest version " + v + " is not supported: this reader reads version " + VERSION,
          source, 0);
    }
    this.generation = text(root, "generation");
    Generations.number(generation);
    List<String> kept = new ArrayList<>();
    Node r = root.get("retained");
    if (r == null || !r.isArray()) {
      throw new FormatException("build manifest member \"retained\" missing or not an array", source, -1);
    }
    for (Node g : r.children()) {
      if (g.kind() != Node.Kind.STRING || !Generations.isGenerationName(g.text())) {
        throw new FormatException("build manifest member \"retained\" holds a non-generation", source, -1);
      }
      kept.add(g.text());
    }
    this.retained = Collections.unmodifiableList(kept);
    List<InputSummary> in = new ArrayList<>();
    for (Node n : list(root, "inputs")) {
      in.add(new InputSummary((int) num(n, "index"), text(n, "kind"), text(n, "path"),
          optNum(n, "commit", Long.MIN_VALUE), num(n, "bytes"), hex(n, "crc32c")));
    }
    List<ChunkSummary> ch = new ArrayList<>();
    for (Node n : list(root, "chunks")) {
      ch.add(new ChunkSummary(
          (int) num(n, "id"), (int) num(n, "input"), (int) num(n, "chunk"), text(n, "kind"),
          num(n, "inputRecords"), num(n, "entries"), num(n, "badRecords"), num(n, "skipped"),
          optNum(n, "maxCommit", Long.MIN_VALUE), num(n, "inputBytes"), num(n, "decodedBytes"), optText(n, "log"),
          num(n, "logBytes"), n.get("logCrc32c") == null ? -1 : hex(n, "logCrc32c"),
          optText(n, "deadLetters"), num(n, "deadLetterBytes")));
    }
    this.inputs = Collections.unmodifiableList(in);
    this.chunks = Collections.unmodifiableList(ch);
  }

  /** Reads the output's manifest; NoSuchFileException when there is none. */
  public static BuildManifest read(Path outputDir) throws IOException {
    Path p = outputDir.resolve(Generations.MANIFEST);
    long size = Files.size(p);
    if (size > MAX_BYTES) throw new FormatException("build manifest of " + size + " bytes is too large", p.toString(), 0);
    return parse(Files.readAllBytes(p), p.toString());
  }

  /** A manifest's bytes read from elsewhere (an object store), named source in errors. */
  public static BuildManifest parse(byte[] b, String source) throws IOException {
    if (b.length > MAX_BYTES) throw new FormatException("build manifest of " + b.length + " bytes is too large", source, 0);
    try {
      ManifestChecksum.check(b, source);
    } catch (FormatException e) {
      // A damaged logdex manifest still names its format near the top; somebody else's does not.
      String head = new String(b, 0, (int) Math.min(b.length, 256), StandardCharsets.UTF_8);
      if (!head.contains("\"" + FORMAT_NAME + "\"")) throw new NotABuildManifestException(source);
      if (head.contains("\"formatVersion\": 1,")) {
        throw new FormatException("build manifest version 1 (written by an earlier logdex, without a"
            + " checksum) is not supported: this reader reads version " + VERSION + "; build into a new directory",
            source, 0);
      }
      throw e;
    }
    return new BuildManifest(TreeParser.parseJson(b, 0, b.length, source), source);
  }

  /** A manifest.json that logdex did not write (another program's, or not JSON at all). */
  public static final class NotABuildManifestException extends FormatException {
    private static final long serialVersionUID = 1L;

    NotABuildManifestException(String source) {
      super("not a " + FORMAT_NAME + " manifest", source, -1);
    }
  }

  /** The generation the output's manifest names, or null when it has no manifest. */
  public static String currentGeneration(Path outputDir) throws IOException {
    try {
      return read(outputDir).generation();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  public Node node() {
    return root;
  }

  public String generation() {
    return generation;
  }

  /**
   * Generations this manifest keeps besides its own: the previous one, which readers that opened
   * it before this commit may still be reading. The next build's commit retires them.
   */
  public List<String> retained() {
    return retained;
  }

  /** The generation directory, given the output directory. */
  public Path generationDir(Path outputDir) {
    return outputDir.resolve(generation);
  }

  public boolean hasMaxCommit() {
    Node m = root.get("maxCommit");
    return m != null && m.kind() == Node.Kind.INTEGER;
  }

  /** The largest commit indexed; check {@link #hasMaxCommit} first. */
  public long maxCommit() throws FormatException {
    return num(root, "maxCommit");
  }

  public int partitions() throws FormatException {
    return (int) num(root, "partitions");
  }

  /** The sub-document cap the build cut its snapshots with. */
  public long maxSubDocumentBytes() throws FormatException {
    return optNum(root, "maxSubDocumentBytes", BuildConfig.DEFAULT_MAX_SUB_DOCUMENT_BYTES);
  }

  /**
   * The document format the last run read its snapshots in ({@code --format}: auto, json or tony),
   * so that a reader reads a snapshot's bytes back in the syntax the build validated them in.
   */
  public DocumentFormat documentFormat() throws FormatException {
    Node options = root.get("options");
    Node f = options == null || options.kind() != Node.Kind.OBJECT ? null : options.get("format");
    if (f == null || f.kind() != Node.Kind.STRING) return DocumentFormat.AUTO;
    try {
      return DocumentFormat.valueOf(f.text().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new FormatException("build manifest option \"format\" is not auto, json or tony: " + f.text(), source, -1);
    }
  }

  /** The chunk size the build split its inputs with. */
  public long chunkBytes() throws FormatException {
    return num(root, "chunkBytes");
  }

  public List<InputSummary> inputs() {
    return inputs;
  }

  public List<ChunkSummary> chunks() {
    return chunks;
  }

  /** A member of {@code counts}, or -1 if absent. */
  public long count(String name) {
    Node c = root.get("counts");
    Node v = c == null ? null : c.get(name);
    return v == null || v.kind() != Node.Kind.INTEGER ? -1 : v.longValue();
  }

  // ---- writing ----

  /** The run facts the manifest records besides the output itself. */
  public record Run(long startedAtMillis, long committedAtMillis, String runner, Map<String, String> options) {}

  /** The manifest's bytes, sealed; public for tools that size it (benchmarks' ScaleSimulator). */
  public static byte[] encode(
      BuildPlan plan, List<InputSummary> inputs, List<ChunkSummary> chunks, IndexManifest index,
      long indexManifestBytes, Run run) {
    long inputRecords = 0, entries = 0, bad = 0, skipped = 0, maxCommit = Long.MIN_VALUE;
    long logFiles = 0, logBytes = 0, dlFiles = 0, dlBytes = 0, readBytes = 0, readRecords = 0;
    long decodedBytes = 0, subDocuments = 0;
    List<Node> chunkNodes = new ArrayList<>(chunks.size());
    for (ChunkSummary c : chunks) {
      inputRecords += c.inputRecords();
      if (c.kind().equals(ChunkSummary.SNAPSHOT)) {
        subDocuments += c.entries();
      } else {
        entries += c.entries();
      }
      bad += c.badRecords();
      skipped += c.skipped();
      maxCommit = Math.max(maxCommit, c.maxCommit());
      if (c.log() != null) {
        logFiles++;
        logBytes += c.logBytes();
      }
      if (c.deadLetters() != null) {
        dlFiles++;
        dlBytes += c.deadLetterBytes();
      }
      if (!c.kind().equals(ChunkSummary.CARRIED)) {
        readBytes += c.inputBytes();
        decodedBytes += c.decodedBytes();
        readRecords += c.inputRecords();
      }
      Node.ObjectBuilder o = Node.objectBuilder()
          .put("id", Node.integer(c.id()))
          .put("input", Node.integer(c.input()))
          .put("chunk", Node.integer(c.chunk()))
          .put("kind", Node.string(c.kind()))
          .put("inputRecords", Node.integer(c.inputRecords()))
          .put("entries", Node.integer(c.entries()))
          .put("badRecords", Node.integer(c.badRecords()))
          .put("skipped", Node.integer(c.skipped()))
          .put("maxCommit", c.maxCommit() == Long.MIN_VALUE ? Node.NULL : Node.integer(c.maxCommit()))
          .put("inputBytes", Node.integer(c.inputBytes()))
          .put("decodedBytes", Node.integer(c.decodedBytes()))
          .put("log", c.log() == null ? Node.NULL : Node.string(c.log()))
          .put("logBytes", Node.integer(c.logBytes()));
      if (c.log() != null) o.put("logCrc32c", Node.string(hex(c.logCrc32c())));
      o.put("deadLetters", c.deadLetters() == null ? Node.NULL : Node.string(c.deadLetters()))
          .put("deadLetterBytes", Node.integer(c.deadLetterBytes()));
      chunkNodes.add(o.build());
    }
    List<Node> inputNodes = new ArrayList<>(inputs.size());
    for (InputSummary i : inputs) {
      Node.ObjectBuilder o = Node.objectBuilder()
          .put("index", Node.integer(i.index()))
          .put("kind", Node.string(i.kind()))
          .put("path", Node.string(i.path()));
      if (i.commit() != Long.MIN_VALUE) o.put("commit", Node.integer(i.commit()));
      inputNodes.add(o
          .put("bytes", Node.integer(i.bytes()))
          .put("crc32c", Node.string(hex(i.crc32c())))
          .build());
    }
    long indexFiles = index.files().size() + 1;
    long indexBytes = index.totalBytes() + indexManifestBytes;
    double seconds = Math.max(0.001, (run.committedAtMillis() - run.startedAtMillis()) / 1000.0);
    Node.ObjectBuilder options = Node.objectBuilder();
    for (Map.Entry<String, String> e : run.options().entrySet()) options.put(e.getKey(), Node.string(e.getValue()));
    Node root = Node.objectBuilder()
        .put("format", Node.string(FORMAT_NAME))
        .put("formatVersion", Node.integer(VERSION))
        .put("generation", Node.string(plan.generation()))
        .put("previousGeneration", plan.previousGeneration() == null ? Node.NULL : Node.string(plan.previousGeneration()))
        .put("retained", plan.previousGeneration() == null ? Node.array() : Node.array(Node.string(plan.previousGeneration())))
        .put("incremental", Node.bool(plan.incremental()))
        .put("index", Node.string(plan.generation() + "/" + BuildPlan.INDEX_DIR))
        .put("partitions", Node.integer(plan.partitions()))
        .put("chunkBytes", Node.integer(plan.config().chunkBytes()))
        .put("maxSubDocumentBytes", Node.integer(plan.config().maxSubDocumentBytes()))
        .put("maxCommit", maxCommit == Long.MIN_VALUE ? Node.NULL : Node.integer(maxCommit))
        .put("counts", Node.objectBuilder()
            .put("inputs", Node.integer(inputs.size()))
            .put("chunks", Node.integer(chunks.size()))
            .put("inputRecords", Node.integer(inputRecords))
            .put("entries", Node.integer(entries))
            .put("subDocuments", Node.integer(subDocuments))
            .put("badRecords", Node.integer(bad))
            .put("skipped", Node.integer(skipped))
            .put("docs", Node.integer(index.docs()))
            .put("terms", Node.integer(index.terms()))
            .put("postings", Node.integer(index.postings()))
            .put("totalWords", Node.integer(index.totalWords()))
            .build())
        .put("outputs", Node.objectBuilder()
            .put("logs", files(logFiles, logBytes))
            .put("deadLetters", files(dlFiles, dlBytes))
            .put("index", files(indexFiles, indexBytes))
            .build())
        .put("inputs", Node.array(inputNodes))
        .put("chunks", Node.array(chunkNodes))
        .put("options", options.build())
        .put("runner", Node.string(run.runner()))
        .put("timings", Node.objectBuilder()
            .put("startedAt", Node.string(Instant.ofEpochMilli(run.startedAtMillis()).toString()))
            .put("committedAt", Node.string(Instant.ofEpochMilli(run.committedAtMillis()).toString()))
            .put("seconds", decimal(seconds))
            .build())
        .put("summary", Node.objectBuilder()
            .put("readBytes", Node.integer(readBytes))
            .put("decodedBytes", Node.integer(decodedBytes))
            .put("readRecords", Node.integer(readRecords))
            .put("outputBytes", Node.integer(logBytes + dlBytes + indexBytes))
            .put("seconds", decimal(seconds))
            .put("mbPerSecond", decimal(decodedBytes / 1e6 / seconds))
            .put("recordsPerSecond", decimal(readRecords / seconds))
            .build())
        .build();
    return ManifestChecksum.seal(Encoder.encode(root, OutputFormat.JSON_PRETTY));
  }

  private static Node files(long files, long bytes) {
    return Node.objectBuilder().put("files", Node.integer(files)).put("bytes", Node.integer(bytes)).build();
  }

  private static Node decimal(double d) {
    return Node.floating(String.format(Locale.ROOT, "%.3f", d));
  }

  static String hex(long crc) {
    return String.format(Locale.ROOT, "%08x", crc & 0xFFFFFFFFL);
  }

  // ---- reading helpers ----

  private long num(Node o, String key) throws FormatException {
    Node v = o.get(key);
    if (v == null || v.kind() != Node.Kind.INTEGER) {
      throw new FormatException("build manifest member \"" + key + "\" missing or not an integer", source, -1);
    }
    try {
      return v.longValue();
    } catch (NumberFormatException e) {
      throw new FormatException("build manifest member \"" + key + "\" out of range: " + v.text(), source, -1);
    }
  }

  private long optNum(Node o, String key, long absent) throws FormatException {
    Node v = o.get(key);
    return v == null || v.isNull() ? absent : num(o, key);
  }

  private String text(Node o, String key) throws FormatException {
    Node v = o.get(key);
    if (v == null || v.kind() != Node.Kind.STRING) {
      throw new FormatException("build manifest member \"" + key + "\" missing or not a string", source, -1);
    }
    return v.text();
  }

  private String optText(Node o, String key) throws FormatException {
    Node v = o.get(key);
    return v == null || v.isNull() ? null : text(o, key);
  }

  private long hex(Node o, String key) throws FormatException {
    String s = text(o, key);
    try {
      if (s.length() != 8) throw new NumberFormatException();
      return Long.parseLong(s, 16);
    } catch (NumberFormatException e) {
      throw new FormatException("build manifest member \"" + key + "\" is not 8 hex digits: " + s, source, -1);
    }
  }

  private List<Node> list(Node o, String key) throws FormatException {
    Node v = o.get(key);
    if (v == null || !v.isArray()) {
      throw new FormatException("build manifest member \"" + key + "\" missing or not an array", source, -1);
    }
    for (Node n : v.children()) {
      if (!n.isObject()) throw new FormatException("an element of \"" + key + "\" is not an object", source, -1);
    }
    return v.children();
  }
}
