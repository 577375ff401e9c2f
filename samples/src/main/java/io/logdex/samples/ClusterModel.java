package io.logdex.samples;

import static io.logdex.samples.ClusterVocabulary.LOG_LEVELS;
import static io.logdex.samples.ClusterVocabulary.REGISTRIES;
import static io.logdex.samples.ClusterVocabulary.ROLES;
import static io.logdex.samples.ClusterVocabulary.TEAMS;

/**
 * The names and the mutable values of a generated cluster as pure functions of (seed, layout,
 * coordinates). The snapshot writes version 0 of every value; the commit log asks for version n and
 * n+1 of the value it changes, so it knows the old value a Tony {@code !replace} or {@code !delete}
 * must carry without ever holding the snapshot. Memory is one long per namespace (prefix sums of
 * deployment counts, to map a global deployment number back to its namespace).
 */
final class ClusterModel {
  static final long BASE_EPOCH_SECOND = 1_704_067_200L; // 2024-01-01T00:00:00Z
  private static final long SALT_DEPLOY_COUNT = 11;
  private static final long SALT_ROLE = 12;
  private static final long SALT_REPLICAS = 13;
  private static final long SALT_IMAGE = 14;
  private static final long SALT_LOG_LEVEL = 15;
  private static final long SALT_FLAG = 16;
  private static final long SALT_REGISTRY = 17;

  final long seed;
  final Layout layout;
  private final int teamOffset;
  private final int cluster;
  private final long[] firstDeployment;

  ClusterModel(long seed, Layout layout) {
    this.seed = seed;
    this.layout = layout;
    this.teamOffset = Rng.below(Rng.hash(seed, 1), TEAMS.size());
    this.cluster = Rng.below(Rng.hash(seed, 2), ClusterVocabulary.CLUSTERS.size());
    this.firstDeployment = new long[layout.namespaces() + 1];
    for (int ns = 0; ns < layout.namespaces(); ns++) {
      firstDeployment[ns + 1] = firstDeployment[ns] + deploymentCount(ns);
    }
  }

  int cluster() {
    return cluster;
  }

  int namespaces() {
    return layout.namespaces();
  }

  int team(int ns) {
    return (int) ((ns + (long) teamOffset) % TEAMS.size());
  }

  /** "payments" for the first namespace of a team, "payments-2" for the second, and so on. */
  Text namespaceName(int ns, Text into) {
    into.add(TEAMS.raw(team(ns)));
    int round = ns / TEAMS.size();
    if (round > 0) {
      into.add('-').dec(round + 1L);
    }
    return into;
  }

  /** Deployments in a namespace: 2..maxDeployments, the same for every size of snapshot. */
  int deploymentCount(int ns) {
    int max = layout.maxDeployments();
    return 2 + Rng.below(Rng.hash(seed, SALT_DEPLOY_COUNT, ns), max - 1);
  }

  long totalDeployments() {
    return firstDeployment[layout.namespaces()];
  }

  /** The global number of deployment {@code j} of namespace {@code ns}. */
  long deploymentIndex(int ns, int j) {
    return firstDeployment[ns] + j;
  }

  /** The namespace holding global deployment {@code g}. */
  int namespaceOf(long g) {
    int lo = 0;
    int hi = layout.namespaces() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (firstDeployment[mid] <= g) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The role of deployment j: a stride through the role list, so roles in a namespace are distinct. */
  int role(int ns, int j) {
    long h = Rng.hash(seed, SALT_ROLE, ns);
    int n = ROLES.size();
    int start = Rng.below(h, n);
    int step = 1 + Rng.below(Rng.mix(h), n - 1);
    return (int) ((start + (long) j * step) % n);
  }

  Text deploymentName(int ns, int j, Text into) {
    return into.add(TEAMS.raw(team(ns))).add('-').add(ROLES.raw(role(ns, j)));
  }

  /** Replicas after {@code scales} scale events; consecutive versions always differ (parity flips). */
  int replicas(long g, long scales) {
    return 1 + 2 * Rng.below(Rng.hash(seed, SALT_REPLICAS, g, scales), 6) + (int) (scales & 1);
  }

  int registry(int ns) {
    return Rng.below(Rng.hash(seed, SALT_REGISTRY, ns), REGISTRIES.size());
  }

  /** The main container's image after {@code rollouts} rollouts: the minor version moves each time. */
  Text image(int ns, int j, long g, long rollouts, Text into) {
    long h = Rng.hash(seed, SALT_IMAGE, g);
    into.add(REGISTRIES.raw(registry(ns))).add('/').add(TEAMS.raw(team(ns))).add('/');
    deploymentName(ns, j, into);
    long major = 1 + Rng.below(h, 4);
    long minor = Rng.below(Rng.mix(h), 30) + rollouts;
    long patch = Rng.below(Rng.hash(seed, SALT_IMAGE, g, rollouts), 10);
    return into.add(":v").dec(major).add('.').dec(minor).add('.').dec(patch);
  }

  /** LOG_LEVEL of a namespace's app-config after {@code changes} changes; always differs from the last. */
  int logLevel(int ns, long changes) {
    int base = Rng.below(Rng.hash(seed, SALT_LOG_LEVEL, ns), LOG_LEVELS.size());
    return (int) ((base + changes) % LOG_LEVELS.size());
  }

  /** The feature flag switched on by a namespace's {@code u}-th flag change (1-based). */
  int flag(int ns, long u) {
    return Rng.below(Rng.hash(seed, SALT_FLAG, ns, u), ClusterVocabulary.FLAGS.size());
  }

  int flagValue(int ns, long u) {
    return Rng.below(Rng.mix(Rng.hash(seed, SALT_FLAG, ns, u)), ClusterVocabulary.FLAG_VALUES.size());
  }
}
