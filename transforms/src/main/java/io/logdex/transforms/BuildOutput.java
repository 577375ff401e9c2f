package io.logdex.transforms;

import io.logdex.format.FormatException;
import io.logdex.format.index.DocRecord;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.ReaderOptions;
import io.logdex.format.log.EntryLogs;
import io.logdex.format.log.LogEntry;
import io.logdex.format.log.LogReader;
import io.logdex.format.token.Syntax;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import io.logdex.io.snapshot.SnapshotRecord;
import io.logdex.io.snapshot.SubDocumentBytes;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;

/**
 * A committed build, opened for reading: its manifest, its index, and the log entry behind any doc
 * record. The manifest is read once, so a build that commits meanwhile does not change what an
 * open BuildOutput sees (until it deletes the old generation's files). Logs are opened on first use.
 */
public final class BuildOutput implements Closeable {
  private final Path outputDir;
  private final BuildManifest manifest;
  private final IndexReader index;
  private final Map<Integer, ChunkSummary> chunks = new HashMap<>();
  private final Map<Integer, LogReader> logs = new HashMap<>();
  private final Map<Integer, InputSummary> inputs = new HashMap<>();
  private final Map<Integer, Boolean> operationLogs = new HashMap<>();
  private final Set<Integer> unchangedInputs = new HashSet<>();

  private BuildOutput(Path outputDir, BuildManifest manifest, IndexReader index) {
    this.outputDir = outputDir;
    this.manifest = manifest;
    this.index = index;
    for (ChunkSummary c : manifest.chunks()) chunks.put(c.id(), c);
    for (InputSummary i : manifest.inputs()) inputs.put(i.index(), i);
  }

  public static BuildOutput open(Path outputDir) throws IOException {
    BuildManifest m = BuildManifest.read(outputDir);
    IndexReader index =
        IndexReader.open(m.generationDir(outputDir).resolve(BuildPlan.INDEX_DIR), ReaderOptions.defaults());
    return new BuildOutput(outputDir, m, index);
  }

  public BuildManifest manifest() {
    return manifest;
  }

  public Path generationDir() {
    return manifest.generationDir(outputDir);
  }

  public IndexReader index() {
    return index;
  }

  /** The chunk a doc's sourceId names, or null. */
  public ChunkSummary chunk(int sourceId) {
    return chunks.get(sourceId);
  }

  /** Whether a source is a snapshot range (its docs are byte ranges of the snapshot, not log entries). */
  public boolean isSnapshot(int sourceId) {
    ChunkSummary c = chunks.get(sourceId);
    return c != null && c.kind().equals(ChunkSummary.SNAPSHOT);
  }

  /**
   * Where a source's documents are: its log relative to the output directory ({@code
   * g000001/logs/00000-00000.log}), or for a snapshot range the snapshot file as matched.
   */
  public String sourceName(int sourceId) throws FormatException {
    if (isSnapshot(sourceId)) return inputs.get(chunks.get(sourceId).input()).path();
    return manifest.generation() + "/" + chunkWithLog(sourceId).log();
  }

  /** The input file a source (a chunk) was read from, as matched. */
  public String inputName(int sourceId) {
    ChunkSummary c = chunks.get(sourceId);
    InputSummary i = c == null ? null : inputs.get(c.input());
    return i == null ? null : i.path();
  }

  /**
   * The tokenizer options a snapshot source's bytes are read back with: the syntax the build read
   * the file in (a {@code .json} snapshot strictly), after checking, once per input while this
   * output is open, that the file still has the size the build indexed. The build validated each
   * region; a snapshot edited since would be misread at the recorded offsets, so it is reported.
   */
  public synchronized TokenizerOptions snapshotReading(int sourceId) throws IOException {
    ChunkSummary c = chunks.get(sourceId);
    InputSummary in = c == null ? null : inputs.get(c.input());
    if (in == null || !isSnapshot(sourceId)) {
      throw new IllegalArgumentException("source " + sourceId + " is not a snapshot");
    }
    if (unchangedInputs.add(in.index())) {
      long now;
      try {
        now = FileSystems.matchSingleFileSpec(in.path()).sizeBytes();
      } catch (IOException e) {
        unchangedInputs.remove(in.index());
        throw new FormatException("snapshot " + in.path() + " is gone since the build indexed it; build the inputs again",
            in.path(), -1);
      }
      if (now != in.bytes()) {
        unchangedInputs.remove(in.index());
        throw new FormatException("snapshot " + in.path() + " changed since the build indexed it (" + in.bytes()
            + " bytes then, " + now + " now); build the inputs again", in.path(), -1);
      }
    }
    return TokenizerOptions.defaults().withSyntax(manifest.documentFormat().syntaxFor(in.path()));
  }

  /** The log of a source, relative to the output directory ({@code g000001/logs/00000-00000.log}). */
  public String logName(int sourceId) throws FormatException {
    return manifest.generation() + "/" + chunkWithLog(sourceId).log();
  }

  /**
   * Whether a log entry is an s3dlio operation (an event of a storage benchmark) rather than a
   * diff of a state; read-at must not apply those.
   */
  public static boolean isOperation(LogEntry e) {
    return RecordEntries.isS3dlioOperation(e.diff());
  }

  /**
   * Whether a source's log holds s3dlio operations rather than diffs of a state, told by its first
   * entry (read once, then remembered): a chunk is a piece of one input file, and an s3dlio op-log
   * holds nothing else. False for snapshot ranges and chunks without entries.
   */
  public synchronized boolean isOperationLog(int sourceId) throws IOException {
    Boolean known = operationLogs.get(sourceId);
    if (known == null) {
      ChunkSummary c = chunks.get(sourceId);
      DocRecord first = c == null || isSnapshot(sourceId) || c.log() == null || c.entries() == 0
          ? null : index.docRecord((long) sourceId << 40);
      known = first != null && isOperation(entry(first));
      operationLogs.put(sourceId, known);
    }
    return known;
  }

  /** The log entry a doc record points at. */
  public LogEntry entry(DocRecord doc) throws IOException {
    return EntryLogs.readAt(log(doc.sourceId()), doc.offset());
  }

  /**
   * A snapshot document's node, read from the snapshot at its (offset, length) and parsed; null
   * when it is longer than maxBytes (a container record spans its whole subtree).
   */
  public Node snapshotNode(DocRecord doc, int maxBytes) throws IOException {
    if (!isSnapshot(doc.sourceId())) throw new IllegalArgumentException("source " + doc.sourceId() + " is not a snapshot");
    if (doc.length() > maxBytes) return null;
    String file = sourceName(doc.sourceId());
    TokenizerOptions reading = snapshotReading(doc.sourceId());
    byte[] bytes = SubDocumentBytes.read(
        new SnapshotRecord(file, SnapshotRecord.Kind.CONTAINER, "", doc.offset(), doc.length(), 0, null), maxBytes);
    // Wrapped in brackets: a lone literal such as | reads as a value only inside them.
    byte[] wrapped = new byte[bytes.length + 2];
    wrapped[0] = '[';
    System.arraycopy(bytes, 0, wrapped, 1, bytes.length);
    wrapped[wrapped.length - 1] = ']';
    String where = file + " at " + doc.offset();
    Node n = reading.syntax() == Syntax.JSON
        ? TreeParser.parseJson(wrapped, 0, wrapped.length, where)
        : TreeParser.parse(wrapped, 0, wrapped.length, where);
    if (n.size() != 1) {
      throw new FormatException("bytes at " + doc.offset() + "+" + doc.length() + " are not one value", file, doc.offset());
    }
    return n.child(0);
  }

  private ChunkSummary chunkWithLog(int sourceId) throws FormatException {
    ChunkSummary c = chunks.get(sourceId);
    if (c == null || c.log() == null) {
      throw new FormatException("the index names source " + sourceId + ", which has no log in the manifest",
          outputDir.resolve(Generations.MANIFEST).toString(), -1);
    }
    return c;
  }

  private LogReader log(int sourceId) throws IOException {
    LogReader r = logs.get(sourceId);
    if (r == null) {
      r = LogReader.open(generationDir().resolve(chunkWithLog(sourceId).log()));
      logs.put(sourceId, r);
    }
    return r;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (LogReader r : logs.values()) {
      try {
        r.close();
      } catch (IOException e) {
        if (first == null) first = e;
      }
    }
    logs.clear();
    index.close();
    if (first != null) throw first;
  }
}
