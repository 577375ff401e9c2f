package io.logdex.transforms;

import io.logdex.format.FormatException;
import io.logdex.format.ManifestChecksum;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The in-progress manifest, {@code DIR/pending.json}: what builds that have not committed own in
 * the output directory. It is written before a build creates anything, so every name logdex ever
 * deletes is named by a manifest of its own: this one (a crashed build's generation and temporary
 * manifest, failed builds' generations, generations to retire once the next build commits) or the
 * committed {@code manifest.json}. Nothing is deleted for looking like a generation.
 *
 * <pre>{@code
 * {
 *   "format": "logdex-pending", "formatVersion": 1,
 *   "building": "g000003",                        the generation a build is writing, or null
 *   "manifestTemp": ".manifest.json.<uuid>.tmp",  the temporary name its commit writes, or null
 *   "scratch": "/abs/TEMP/logdex-g000003-<uuid>",  its scratch directory (ScratchDir), or null/absent
 *   "failed": [{"generation": "g000002", "reason": "..."}],  dead letters kept for the user
 *   "retire": ["g000001"],                        delete once a build commits
 *   "crc32c": "..."
 * }
 * }</pre>
 *
 * Replaced atomically through {@code .pending.json.tmp}; removed when a build commits and has
 * deleted what it names.
 */
public final class PendingBuild implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String FILE = "pending.json";
  static final String TEMP = ".pending.json.tmp";
  static final String FORMAT_NAME = "logdex-pending";
  private static final long MAX_BYTES = 16L << 20;

  /** A build that failed: its generation holds only its dead letters, kept until a build commits. */
  public record Failed(String generation, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final String building;
  private final String manifestTemp;
  private final String scratch;
  private final List<Failed> failed;
  private final List<String> retire;

  PendingBuild(String building, String manifestTemp, String scratch, List<Failed> failed, List<String> retire) {
    this.building = building;
    this.manifestTemp = manifestTemp;
    this.scratch = scratch;
    this.failed = List.copyOf(failed);
    this.retire = List.copyOf(retire);
  }

  static PendingBuild none() {
    return new PendingBuild(null, null, null, List.of(), List.of());
  }

  /** The generation a build is writing (or was, if it crashed), or null. */
  public String building() {
    return building;
  }

  public String manifestTemp() {
    return manifestTemp;
  }

  /**
   * The absolute path of the building's scratch directory, outside the output's generations
   * ({@link ScratchDir}), or null: deleted with the generation when that build ends or crashed.
   */
  public String scratch() {
    return scratch;
  }

  public List<Failed> failed() {
    return failed;
  }

  public List<String> retire() {
    return retire;
  }

  /** Every generation this manifest names. */
  List<String> generations() {
    List<String> all = new ArrayList<>(retire);
    for (Failed f : failed) all.add(f.generation());
    if (building != null) all.add(building);
    return all;
  }

  PendingBuild building(String generation, String temp, String scratchDir) {
    return new PendingBuild(generation, temp, scratchDir, failed, retire);
  }

  /** This build failed: keep its generation's dead letters for the user, named with the reason. */
  PendingBuild failedWith(String reason, boolean keep) {
    List<Failed> f = new ArrayList<>(failed);
    if (keep) f.add(new Failed(building, reason));
    return new PendingBuild(null, null, null, f, retire);
  }

  PendingBuild withRetire(List<String> more) {
    List<String> r = new ArrayList<>(retire);
    for (String g : more) if (!r.contains(g)) r.add(g);
    return new PendingBuild(building, manifestTemp, scratch, failed, r);
  }

  /** The pending manifest of an output directory, or null when it has none. */
  public static PendingBuild read(Path outputDir) throws IOException {
    Path p = outputDir.resolve(FILE);
    byte[] raw;
    try {
      long size = Files.size(p);
      if (size > MAX_BYTES) throw new FormatException("pending manifest of " + size + " bytes is too large", p.toString(), 0);
      raw = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      return null;
    }
    String src = p.toString();
    Node root = TreeParser.parseJson(ManifestChecksum.check(raw, src), 0, raw.length, src);
    if (!root.isObject() || root.get("format") == null || !FORMAT_NAME.equals(root.get("format").text())) {
      throw new FormatException("not a " + FORMAT_NAME + " manifest", src, 0);
    }
    Node v = root.get("formatVersion");
    if (v == null || v.kind() != Node.Kind.INTEGER || v.longValue() != 1) {
      throw new FormatException("pending manifest version is not supported: this reader reads version 1", src, 0);
    }
    List<Failed> failed = new ArrayList<>();
    for (Node f : array(root, "failed", src)) {
      failed.add(new Failed(generation(f.get("generation"), src), text(f.get("reason"), src)));
    }
    List<String> retire = new ArrayList<>();
    for (Node g : array(root, "retire", src)) retire.add(generation(g, src));
    Node b = root.get("building");
    Node t = root.get("manifestTemp");
    String temp = t == null || t.isNull() ? null : text(t, src);
    if (temp != null && !(temp.startsWith(".manifest.json.") && temp.endsWith(".tmp") && temp.indexOf('/') < 0)) {
      throw new FormatException("pending manifest names an odd temporary file: " + temp, src, 0);
    }
    // Optional within version 1: a manifest from before scratch moved out of the generation has none.
    Node s = root.get("scratch");
    String scratchDir = s == null || s.isNull() ? null : text(s, src);
    if (scratchDir != null && !ScratchDir.isScratchPath(scratchDir)) {
      // Recovery deletes this directory: never one logdex did not name and create itself.
      throw new FormatException("pending manifest names an odd scratch directory: " + scratchDir, src, 0);
    }
    return new PendingBuild(b == null || b.isNull() ? null : generation(b, src), temp, scratchDir, failed, retire);
  }

  /** Replaces the output's pending manifest atomically (synced before the rename). */
  void write(Path outputDir) throws IOException {
    List<Node> f = new ArrayList<>();
    for (Failed x : failed) {
      f.add(Node.objectBuilder().put("generation", Node.string(x.generation()))
          .put("reason", Node.string(x.reason())).build());
    }
    List<Node> r = new ArrayList<>();
    for (String g : retire) r.add(Node.string(g));
    Node root = Node.objectBuilder()
        .put("format", Node.string(FORMAT_NAME))
        .put("formatVersion", Node.integer(1))
        .put("building", building == null ? Node.NULL : Node.string(building))
        .put("manifestTemp", manifestTemp == null ? Node.NULL : Node.string(manifestTemp))
        .put("scratch", scratch == null ? Node.NULL : Node.string(scratch))
        .put("failed", Node.array(f))
        .put("retire", Node.array(r))
        .build();
    byte[] bytes = ManifestChecksum.seal(Encoder.encode(root, OutputFormat.JSON_PRETTY));
    Path temp = outputDir.resolve(TEMP);
    Generations.writeSynced(temp, bytes);
    Files.move(temp, outputDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Generations.syncDirectory(outputDir);
  }

  /** Removes the pending manifest: nothing is in progress and nothing is left to delete. */
  static void remove(Path outputDir) throws IOException {
    Files.deleteIfExists(outputDir.resolve(FILE));
    Generations.syncDirectory(outputDir);
  }

  private static List<Node> array(Node root, String key, String src) throws FormatException {
    Node a = root.get(key);
    if (a == null || !a.isArray()) throw new FormatException("pending manifest member \"" + key + "\" is not an array", src, 0);
    return Collections.unmodifiableList(a.children());
  }

  private static String text(Node n, String src) throws FormatException {
    if (n == null || n.kind() != Node.Kind.STRING) throw new FormatException("pending manifest member is not a string", src, 0);
    return n.text();
  }

  private static String generation(Node n, String src) throws FormatException {
    String g = text(n, src);
    if (!Generations.isGenerationName(g)) throw new FormatException("not a generation name: " + g, src, 0);
    return g;
  }
}
