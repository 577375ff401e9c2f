package io.logdex.samples;

import static io.logdex.samples.ClusterVocabulary.FLAGS;
import static io.logdex.samples.ClusterVocabulary.FLAG_VALUES;
import static io.logdex.samples.ClusterVocabulary.LOG_LEVELS;
import static io.logdex.samples.ClusterVocabulary.ROLES;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a state store's commit log, one entry per line: {@code {commit, seq, timestamp, diff}}.
 * The diffs change the snapshot that {@link SnapshotGenerator} writes for the same seed and layout:
 * they scale deployments, roll out new images (image and revision annotation in one diff), switch
 * feature flags in config maps on and off, change log levels and add namespaces. A commit has one to
 * three entries, numbered by {@code seq} from 0.
 *
 * <p>In JSON the diff is an RFC 7386 merge patch ({@code null} deletes). In Tony wire form it is a
 * Tony diff: {@code !insert v}, {@code !delete old}, {@code !replace {from: old, to: new}} under
 * untagged objects that merge. The old values come from {@link ClusterModel}'s version functions,
 * and each target is visited in a fixed permutation, so that the n-th change of a target is known
 * from counters alone: memory is constant however many commits are written.
 */
public final class CommitLogGenerator {
  private static final long SALT_COMMITS = 201;
  private static final long SALT_PERMUTATION = 202;
  private static final long BASE_EPOCH_MILLI = 1_760_004_000_000L; // 2025-10-09T10:00:00Z
  private static final Key COMMIT = Key.of("commit");
  private static final Key SEQ = Key.of("seq");
  private static final Key TIMESTAMP = Key.of("timestamp");
  private static final Key DIFF = Key.of("diff");
  private static final Key FROM = Key.of("from");
  private static final Key TO = Key.of("to");
  private static final byte[] INSERT = Lit.ascii("!insert");
  private static final byte[] DELETE = Lit.ascii("!delete");
  private static final byte[] REPLACE = Lit.ascii("!replace");
  private static final byte[] FEATURE_PREFIX = Lit.ascii("FEATURE_");

  private final DocWriter w;
  private final boolean tony;
  private final ClusterModel model;
  private final ClusterWriter resources;
  private final Rng rng;
  private final Timestamps time = new Timestamps();
  private final Text a = new Text();
  private final Text b = new Text();
  private final Permutation deployments;
  private final Permutation flagTargets;
  private final Permutation levelTargets;
  private long deploymentTouches;
  private long flagTouches;
  private long levelTouches;
  private long namespacesAdded;

  private CommitLogGenerator(ByteSink sink, Layout layout, DocFormat format, long seed) {
    this.w = new DocWriter(sink, format);
    this.tony = format == DocFormat.WIRE;
    this.model = new ClusterModel(seed, layout);
    this.resources = new ClusterWriter(w, model);
    this.rng = new Rng(Rng.hash(seed, SALT_COMMITS));
    this.deployments = new Permutation(model.totalDeployments(), Rng.hash(seed, SALT_PERMUTATION, 0));
    this.flagTargets = new Permutation(layout.namespaces(), Rng.hash(seed, SALT_PERMUTATION, 1));
    this.levelTargets = new Permutation(layout.namespaces(), Rng.hash(seed, SALT_PERMUTATION, 2));
  }

  /**
   * Writes {@code commits} commits (numbered from 1) whose diffs apply to the snapshot of
   * {@code layout} and {@code seed}. {@code format} is {@link DocFormat#JSON} (JSONL with merge
   * patches) or {@link DocFormat#WIRE} (Tony wire stream with Tony diffs). Returns bytes written.
   */
  public static long write(OutputStream out, Layout layout, long commits, DocFormat format, long seed)
      throws IOException {
    if (format == DocFormat.PRETTY_JSON) {
      throw new IllegalArgumentException("a commit log is one entry per line; pretty JSON spans lines");
    }
    if (commits < 0) {
      throw new IllegalArgumentException("commits " + commits + " < 0");
    }
    ByteSink sink = new ByteSink(out, 1 << 16);
    CommitLogGenerator g = new CommitLogGenerator(sink, layout, format, seed);
    long clock = BASE_EPOCH_MILLI + g.rng.nextInt(3_600_000);
    for (long commit = 1; commit <= commits; commit++) {
      int roll = g.rng.nextInt(100);
      int entries = roll < 75 ? 1 : roll < 93 ? 2 : 3;
      for (int seq = 0; seq < entries; seq++) {
        g.entry(commit, seq, clock);
      }
      clock += 200 + (long) g.rng.logNormal(8_000, 1.2);
    }
    sink.flush();
    return sink.position();
  }

  private void entry(long commit, int seq, long epochMilli) throws IOException {
    w.beginObject();
    w.key(COMMIT);
    w.num(commit);
    w.key(SEQ);
    w.num(seq);
    w.key(TIMESTAMP);
    a.clear();
    time.appendMillis(a, epochMilli);
    w.str(a);
    w.key(DIFF);
    int kind = rng.nextInt(100);
    if (kind < 64) {
      deploymentChange();
    } else if (kind < 82) {
      flagChange();
    } else if (kind < 97) {
      logLevelChange();
    } else {
      namespaceAdded();
    }
    w.endObject();
    w.endDocument();
  }

  /** Odd touches of a deployment scale it; even touches roll out the next image. */
  private void deploymentChange() throws IOException {
    long n = deploymentTouches++;
    long g = deployments.apply(n % deployments.size());
    long touch = n / deployments.size() + 1;
    int ns = model.namespaceOf(g);
    int j = (int) (g - model.deploymentIndex(ns, 0));
    openNamespace(ns);
    w.key(ClusterWriter.DEPLOYMENTS);
    w.beginObject();
    w.key(model.deploymentName(ns, j, a.clear()));
    w.beginObject();
    if (touch % 2 == 1) {
      long scales = touch / 2;
      w.key(ClusterWriter.REPLICAS);
      replace(model.replicas(g, scales), model.replicas(g, scales + 1));
    } else {
      long rollouts = (touch - 1) / 2;
      w.key(ClusterWriter.ANNOTATIONS);
      w.beginObject();
      w.key(ClusterWriter.REVISION);
      replace(a.clear().dec(rollouts + 1), b.clear().dec(rollouts + 2));
      w.endObject();
      w.key(ClusterWriter.CONTAINERS);
      w.beginObject();
      w.key(a.clear().add(ROLES.raw(model.role(ns, j))));
      w.beginObject();
      w.key(ClusterWriter.IMAGE);
      replace(model.image(ns, j, g, rollouts, a.clear()), model.image(ns, j, g, rollouts + 1, b.clear()));
      w.endObject();
      w.endObject();
    }
    w.endObject();
    w.endObject();
    closeNamespace();
  }

  /** Odd touches of a namespace's app-config add a feature flag, even touches remove it again. */
  private void flagChange() throws IOException {
    long n = flagTouches++;
    int ns = (int) flagTargets.apply(n % flagTargets.size());
    long touch = n / flagTargets.size() + 1;
    long u = (touch + 1) / 2;
    openAppConfig(ns);
    w.key(a.clear().add(FEATURE_PREFIX).add(FLAGS.raw(model.flag(ns, u))));
    byte[] value = FLAG_VALUES.quoted(model.flagValue(ns, u));
    if (touch % 2 == 1) {
      w.tag(INSERT);
      w.literal(value);
    } else if (tony) {
      w.tag(DELETE);
      w.literal(value);
    } else {
      w.nul();
    }
    closeAppConfig();
  }

  private void logLevelChange() throws IOException {
    long n = levelTouches++;
    int ns = (int) levelTargets.apply(n % levelTargets.size());
    long changes = n / levelTargets.size();
    openAppConfig(ns);
    w.key(ClusterWriter.LOG_LEVEL);
    byte[] from = LOG_LEVELS.quoted(model.logLevel(ns, changes));
    byte[] to = LOG_LEVELS.quoted(model.logLevel(ns, changes + 1));
    if (tony) {
      w.tag(REPLACE);
      w.beginObject();
      w.key(FROM);
      w.literal(from);
      w.key(TO);
      w.literal(to);
      w.endObject();
    } else {
      w.literal(to);
    }
    closeAppConfig();
  }

  /** A namespace past the snapshot's last one, written in full; in JSON a merge patch creates it. */
  private void namespaceAdded() throws IOException {
    int ns = (int) (model.namespaces() + namespacesAdded);
    long firstDeployment = model.totalDeployments() + namespacesAdded * Layout.MAX_DEPLOYMENTS;
    namespacesAdded++;
    w.beginObject();
    w.key(ClusterWriter.NAMESPACES);
    w.beginObject();
    w.key(model.namespaceName(ns, a.clear()));
    w.tag(INSERT);
    resources.namespace(ns, firstDeployment);
    w.endObject();
    w.endObject();
  }

  private void replace(long from, long to) throws IOException {
    if (tony) {
      w.tag(REPLACE);
      w.beginObject();
      w.key(FROM);
      w.num(from);
      w.key(TO);
      w.num(to);
      w.endObject();
    } else {
      w.num(to);
    }
  }

  private void replace(Text from, Text to) throws IOException {
    if (tony) {
      w.tag(REPLACE);
      w.beginObject();
      w.key(FROM);
      w.str(from);
      w.key(TO);
      w.str(to);
      w.endObject();
    } else {
      w.str(to);
    }
  }

  private void openNamespace(int ns) throws IOException {
    w.beginObject();
    w.key(ClusterWriter.NAMESPACES);
    w.beginObject();
    w.key(model.namespaceName(ns, b.clear()));
    w.beginObject();
  }

  private void closeNamespace() throws IOException {
    w.endObject();
    w.endObject();
    w.endObject();
  }

  private void openAppConfig(int ns) throws IOException {
    openNamespace(ns);
    w.key(ClusterWriter.CONFIG_MAPS);
    w.beginObject();
    w.key(ClusterWriter.APP_CONFIG);
    w.beginObject();
    w.key(ClusterWriter.DATA);
    w.beginObject();
  }

  private void closeAppConfig() throws IOException {
    w.endObject();
    w.endObject();
    w.endObject();
    closeNamespace();
  }

  /**
   * x -> (a*x + b) mod n with gcd(a, n) = 1: a bijection on [0, n), so each target is visited once
   * per round in a scrambled order and the round number counts how often it was changed before.
   */
  static final class Permutation {
    private final long n;
    private final long a;
    private final long b;

    Permutation(long n, long hash) {
      if (n < 1) {
        throw new IllegalArgumentException("permutation of " + n + " elements");
      }
      this.n = n;
      long candidate = 1 + Long.remainderUnsigned(hash, n);
      while (gcd(candidate, n) != 1) {
        candidate = candidate % n + 1;
      }
      this.a = candidate % n == 0 ? 1 : candidate;
      this.b = Long.remainderUnsigned(Rng.mix(hash), n);
    }

    long size() {
      return n;
    }

    long apply(long x) {
      if (n <= 3_000_000_000L) {
        return (a * x + b) % n; // a, x < n, so a*x + b < n^2 + n < 2^63
      }
      return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(x))
          .add(java.math.BigInteger.valueOf(b)).mod(java.math.BigInteger.valueOf(n)).longValue();
    }

    private static long gcd(long x, long y) {
      while (y != 0) {
        long t = x % y;
        x = y;
        y = t;
      }
      return x;
    }
  }
}
