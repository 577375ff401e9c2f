package io.logdex.pipelines.store;

import io.logdex.format.FormatException;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.BuildPlan;
import io.logdex.transforms.Generations;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A build output on HDFS (FORMAT.md, "Object storage", HDFS). HDFS has an atomic rename, but no
 * conditional replace of manifest.json and no lock a killed launcher releases, so the commit rests
 * on the two operations the NameNode makes exclusive: {@code create(path, overwrite=false)} and a
 * rename that refuses an existing target. A build claims its generation with an exclusive create
 * of {@code gNNNNNN.claim}; it commits by renaming its complete manifest to {@code gBBBBBB.next},
 * the successor of the generation it was staged from (of two builds staged from one generation,
 * one rename succeeds), then puts the same manifest in place as manifest.json with an overwriting
 * rename for readers. The committed state is manifest.json followed through these successors, so a
 * launcher killed between its two renames still committed, and the next build stages from there.
 */
final class HdfsOutput implements ObjectStoreOutput {
  /** A generation's directory, or a name of it: its claim, its successor, its manifest's temporaries. */
  private static final Pattern NAMED = Pattern.compile("(g\\d{6})(\\..+)?");
  /** What a fresh output's first commit succeeds: no generation has number 0. */
  private static final String NONE = "g000000";
  private static final String NEXT = ".next";
  private static final String CLAIM = ".claim";
  private static final String TEMP = ".commit-";

  private final String url;
  private final Path root;
  private final FileSystem fs;
  private final FileContext fc;
  private final PipelineOptions options;
  /** The generation the stage's manifest names (NONE for a fresh output), set by stageInto. */
  private String base = NONE;

  private HdfsOutput(String url, Path root, FileSystem fs, FileContext fc, PipelineOptions options) {
    this.url = url;
    this.root = root;
    this.fs = fs;
    this.fc = fc;
    this.options = options;
  }

  /** An hdfs:// output; {@link ObjectStores#configure} has checked the options. */
  static HdfsOutput open(String url, PipelineOptions options) throws IOException {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    FileSystem fs = HdfsConfig.fileSystem(u, options);
    Path root = fs.makeQualified(new Path(URI.create(u)));
    // Beam's configurations are made without Hadoop's defaults (new Configuration(false)), which
    // name the FileContext implementations; the user's settings go over them.
    Configuration withDefaults = new Configuration();
    for (Map.Entry<String, String> e : fs.getConf()) withDefaults.set(e.getKey(), e.getValue());
    return new HdfsOutput(u, root, fs, FileContext.getFileContext(fs.getUri(), withDefaults), options);
  }

  @Override
  public String url() {
    return url;
  }

  /** The committed manifest (manifest.json followed through the successors), or none. */
  @Override
  public void stageInto(java.nio.file.Path stage) throws IOException {
    Committed c = committed();
    base = c.generation;
    if (c.manifest == null) return; // a directory without a manifest is not logdex's to build into
    Files.write(stage.resolve(Generations.MANIFEST), c.manifest);
    for (FileStatus f : list()) {
      Matcher m = NAMED.matcher(f.getPath().getName());
      if (m.matches() && (f.isDirectory() || CLAIM.equals(m.group(2)))) Files.createDirectories(stage.resolve(m.group(1)));
    }
  }

  /** Creates {@code gNNNNNN.claim} only if absent: the NameNode's exclusive create. */
  @Override
  public void claim(String generation, String previous, String scratchUrl) throws IOException {
    try {
      write(new Path(root, generation + CLAIM), Claims.body(scratchUrl));
    } catch (FileAlreadyExistsException e) {
      throw Claims.taken(url, generation, previous);
    }
  }

  /**
   * Renames the manifest to the staged generation's successor, refused if there is one; checks
   * that the staged generation is still the committed one; then fences off any older manifest
   * still on its way to manifest.json (below) and puts this one there.
   */
  @Override
  public void commit(String generation, String previous, byte[] manifest) throws IOException {
    Path forSuccessor = temp(generation);
    Path forReaders = temp(generation);
    write(forSuccessor, manifest);
    write(forReaders, manifest);
    Path successor = new Path(root, base + NEXT);
    try {
      fc.rename(forSuccessor, successor, Options.Rename.NONE);
    } catch (FileAlreadyExistsException e) {
      removeGeneration(generation, false);
      throw Claims.overtaken(url, generation);
    }
    // A successor of a generation is removed with it, so a build staged from a generation that has
    // since been removed recreated one that no chain from manifest.json reaches (generations only
    // grow along it). Later builds may already follow this one: it is the chain, not its end.
    if (!isCommitted(generation)) {
      fs.delete(successor, false);
      removeGeneration(generation, false);
      throw Claims.overtaken(url, generation);
    }
    fenceOlderThan(generation);
    try {
      fc.rename(forReaders, new Path(root, Generations.MANIFEST), Options.Rename.OVERWRITE);
    } catch (FileNotFoundException e) {
      // A later build committed meanwhile and removed this temporary: its manifest stands.
    }
    removeOld(generation, previous);
  }

  @Override
  public String abandon(String generation) throws IOException {
    return removeGeneration(generation, true) ? url + "/" + generation + "/" + BuildPlan.DEAD_LETTER_DIR : null;
  }

  /** A committed generation and its manifest's bytes; (NONE, null) when nothing is committed. */
  private record Committed(String generation, byte[] manifest) {}

  /** The committed state: the last of {@link #chain}. */
  private Committed committed() throws IOException {
    List<Committed> chain = chain();
    return chain.get(chain.size() - 1);
  }

  /**
   * manifest.json's generation, then each successor's in turn. A launcher killed after renaming
   * its successor but before replacing manifest.json has committed, and builds go on from there
   * (readers see manifest.json's generation, which is kept, until the next commit).
   */
  private List<Committed> chain() throws IOException {
    List<Committed> out = new ArrayList<>();
    byte[] bytes = readIfPresent(new Path(root, Generations.MANIFEST));
    String g = bytes == null ? NONE : BuildManifest.parse(bytes, url + "/" + Generations.MANIFEST).generation();
    while (true) {
      out.add(new Committed(g, bytes));
      Path next = new Path(root, g + NEXT);
      bytes = readIfPresent(next);
      if (bytes == null) return out;
      String n = BuildManifest.parse(bytes, next.toString()).generation();
      if (number(n) <= number(g)) throw new FormatException("names " + n + ", not a later generation", next.toString(), -1);
      g = n;
    }
  }

  /** Whether generation is committed: on the chain from manifest.json (later ones may follow it). */
  private boolean isCommitted(String generation) throws IOException {
    for (Committed c : chain()) if (c.generation.equals(generation)) return true;
    return false;
  }

  /**
   * Deletes the manifest temporaries of generations before this one. A build delayed between its
   * successor rename and its manifest.json rename (or killed there) would otherwise put an older
   * manifest back over a newer one; with its temporary gone, its rename fails instead. Its own
   * temporaries are written before its successor exists, so before any later build can remove them.
   */
  private void fenceOlderThan(String generation) throws IOException {
    int n = number(generation);
    for (FileStatus f : list()) {
      Matcher m = NAMED.matcher(f.getPath().getName());
      if (m.matches() && m.group(2) != null && m.group(2).startsWith(TEMP) && number(m.group(1)) < n) {
        fs.delete(f.getPath(), false);
      }
    }
  }

  /**
   * After a commit: generations below the new one but the previous, with their claims, successors
   * and temporaries, and the scratch their claims name (a killed build's).
   */
  private void removeOld(String committed, String previous) throws IOException {
    int n = number(committed);
    for (FileStatus f : list()) {
      Matcher m = NAMED.matcher(f.getPath().getName());
      if (!m.matches() || number(m.group(1)) >= n || m.group(1).equals(previous)) continue;
      // A claim goes with its generation, never before (S3Output says why).
      if (CLAIM.equals(m.group(2))) removeScratchNamedBy(f.getPath());
      fs.delete(f.getPath(), true);
    }
  }

  /** Deletes a generation's files (but its dead letters, if asked) and, when none are kept, its claim. */
  private boolean removeGeneration(String generation, boolean keepDeadLetters) throws IOException {
    Path dir = new Path(root, generation);
    boolean kept = false;
    if (keepDeadLetters && fs.exists(new Path(dir, BuildPlan.DEAD_LETTER_DIR))) {
      for (FileStatus f : fs.listStatus(dir)) {
        if (!f.getPath().getName().equals(BuildPlan.DEAD_LETTER_DIR)) fs.delete(f.getPath(), true);
      }
      kept = true;
    } else {
      fs.delete(dir, true);
    }
    for (FileStatus f : list()) {
      String name = f.getPath().getName();
      if (name.startsWith(generation + TEMP) || !kept && name.equals(generation + CLAIM)) fs.delete(f.getPath(), false);
    }
    return kept;
  }

  /** Deletes the scratch directory a claim names (best effort: it is outside the output). */
  private void removeScratchNamedBy(Path claim) {
    try {
      byte[] body = readIfPresent(claim);
      String scratch = body == null ? null : Claims.scratchOf(body);
      if (scratch != null) ObjectStores.deleteScratch(scratch, options);
    } catch (IOException | RuntimeException e) {
      // no reader uses it
    }
  }

  private Path temp(String generation) {
    return new Path(root, generation + TEMP + UUID.randomUUID());
  }

  /** Creates path with bytes, refused (FileAlreadyExistsException) if it exists. */
  private void write(Path path, byte[] bytes) throws IOException {
    try (FSDataOutputStream out = fs.create(path, false)) {
      out.write(bytes);
    }
  }

  /** A small file's bytes (a manifest or claim), or null when there is none. */
  private byte[] readIfPresent(Path path) throws IOException {
    FileStatus s;
    try {
      s = fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
    if (s.getLen() > BuildManifest.MAX_BYTES) {
      throw new FormatException("a manifest of " + s.getLen() + " bytes is too large", path.toString(), 0);
    }
    byte[] b = new byte[(int) s.getLen()];
    try (InputStream in = fs.open(path)) {
      int n = in.readNBytes(b, 0, b.length);
      if (n != b.length || in.read() != -1) throw new FormatException("changed while it was read", path.toString(), n);
    } catch (FileNotFoundException e) {
      return null;
    }
    return b;
  }

  private FileStatus[] list() throws IOException {
    try {
      return fs.listStatus(root);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  private static int number(String generation) throws FormatException {
    return Generations.number(generation);
  }
}
