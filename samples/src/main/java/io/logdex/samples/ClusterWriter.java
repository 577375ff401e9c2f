package io.logdex.samples;

import static io.logdex.samples.ClusterVocabulary.*;

import java.io.IOException;

/**
 * Writes the resources of a generated cluster (the cluster header, namespaces with their
 * deployments, services and config maps, nodes, events) as values through a {@link DocWriter}. Each
 * resource is seeded from its own coordinates, so it is the same wherever and however often it is
 * written: in a snapshot, in a stream document, or inside a commit's {@code !insert}.
 */
final class ClusterWriter {
  private static final long SALT_CLUSTER = 101;
  private static final long SALT_NAMESPACE = 102;
  private static final long SALT_DEPLOYMENT = 103;
  private static final long SALT_NODE = 104;
  private static final long SALT_EVENT = 105;
  private static final long SALT_NODE_IP = 106;

  static final Key CLUSTER = Key.of("cluster");
  static final Key NAMESPACES = Key.of("namespaces");
  static final Key NODES = Key.of("nodes");
  static final Key EVENTS = Key.of("events");
  static final Key NAME = Key.of("name");
  static final Key REGION = Key.of("region");
  static final Key PROVIDER = Key.of("provider");
  static final Key VERSION = Key.of("version");
  static final Key API_SERVER = Key.of("apiServer");
  static final Key CREATED = Key.of("created");
  static final Key DESCRIPTION = Key.of("description");
  static final Key FEATURE_GATES = Key.of("featureGates");
  static final Key MAINTENANCE = Key.of("maintenanceWindows");
  static final Key DAY = Key.of("day");
  static final Key START = Key.of("start");
  static final Key DURATION_MINUTES = Key.of("durationMinutes");
  static final Key ADDONS = Key.of("addons");
  static final Key LABELS = Key.of("labels");
  static final Key ANNOTATIONS = Key.of("annotations");
  static final Key DEPLOYMENTS = Key.of("deployments");
  static final Key SERVICES = Key.of("services");
  static final Key CONFIG_MAPS = Key.of("configMaps");
  static final Key QUOTA = Key.of("quota");
  static final Key TEAM = Key.of("team");
  static final Key ENVIRONMENT = Key.of("environment");
  static final Key COST_CENTER = Key.of("cost-center");
  static final Key OWNER = Key.of("owner");
  static final Key REPLICAS = Key.of("replicas");
  static final Key STRATEGY = Key.of("strategy");
  static final Key TYPE = Key.of("type");
  static final Key MAX_SURGE = Key.of("maxSurge");
  static final Key MAX_UNAVAILABLE = Key.of("maxUnavailable");
  static final Key APP_NAME = Key.of("app.kubernetes.io/name");
  static final Key PART_OF = Key.of("app.kubernetes.io/part-of");
  static final Key TIER = Key.of("tier");
  static final Key REVISION = Key.of("deployment.kubernetes.io/revision");
  static final Key CONTAINERS = Key.of("containers");
  static final Key IMAGE = Key.of("image");
  static final Key PORTS = Key.of("ports");
  static final Key CONTAINER_PORT = Key.of("containerPort");
  static final Key PROTOCOL = Key.of("protocol");
  static final Key ENV = Key.of("env");
  static final Key VALUE = Key.of("value");
  static final Key RESOURCES = Key.of("resources");
  static final Key REQUESTS = Key.of("requests");
  static final Key LIMITS = Key.of("limits");
  static final Key CPU_KEY = Key.of("cpu");
  static final Key MEMORY_KEY = Key.of("memory");
  static final Key PODS = Key.of("pods");
  static final Key READINESS = Key.of("readinessProbe");
  static final Key HTTP_GET = Key.of("httpGet");
  static final Key PATH = Key.of("path");
  static final Key PORT = Key.of("port");
  static final Key PERIOD = Key.of("periodSeconds");
  static final Key STATUS = Key.of("status");
  static final Key AVAILABLE = Key.of("availableReplicas");
  static final Key OBSERVED = Key.of("observedGeneration");
  static final Key CLUSTER_IP = Key.of("clusterIP");
  static final Key TARGET_PORT = Key.of("targetPort");
  static final Key SELECTOR = Key.of("selector");
  static final Key DATA = Key.of("data");
  static final Key APP_CONFIG = Key.of("app-config");
  static final Key LOG_LEVEL = Key.of("LOG_LEVEL");
  static final Key REGION_ENV = Key.of("REGION");
  static final Key FLAGS_URL = Key.of("FEATURE_FLAGS_URL");
  static final Key APPLICATION_YAML = Key.of("application.yaml");
  static final Key GREETING = Key.of("greeting");
  static final Key BATCH_SIZE = Key.of("BATCH_SIZE");
  static final Key TIMEOUT = Key.of("TIMEOUT");
  static final Key RETRY_POLICY = Key.of("RETRY_POLICY");
  static final Key HOSTNAME = Key.of("kubernetes.io/hostname");
  static final Key ZONE = Key.of("topology.kubernetes.io/zone");
  static final Key INSTANCE_TYPE = Key.of("node.kubernetes.io/instance-type");
  static final Key ARCH = Key.of("kubernetes.io/arch");
  static final Key WORKER_ROLE = Key.of("node-role.kubernetes.io/worker");
  static final Key CAPACITY = Key.of("capacity");
  static final Key ALLOCATABLE = Key.of("allocatable");
  static final Key EPHEMERAL = Key.of("ephemeral-storage");
  static final Key DEVICES = Key.of("devices");
  static final Key CONDITIONS_KEY = Key.of("conditions");
  static final Key LAST_HEARTBEAT = Key.of("lastHeartbeat");
  static final Key UNSCHEDULABLE = Key.of("unschedulable");
  static final Key LOAD = Key.of("load");
  static final Key TAINTS = Key.of("taints");
  static final Key KEY = Key.of("key");
  static final Key EFFECT = Key.of("effect");
  static final Key KUBELET = Key.of("kubeletVersion");
  static final Key DELETION = Key.of("deletionTimestamp");
  static final Key REASON = Key.of("reason");
  static final Key OBJECT = Key.of("object");
  static final Key MESSAGE = Key.of("message");
  static final Key COUNT = Key.of("count");
  static final Key FIRST_SEEN = Key.of("firstSeen");
  static final Key LAST_SEEN = Key.of("lastSeen");

  static final byte[] KEYED_BY_NAME = Lit.ascii("!key(name)");
  private static final byte[] AWS = Lit.quoted("aws");
  private static final byte[] K8S_VERSION = Lit.quoted("1.29.4");
  private static final byte[] KUBELET_VERSION = Lit.quoted("v1.29.4-eks-b9c9ed7");
  private static final byte[] PROD = Lit.quoted("prod");
  private static final byte[] ROLLING_UPDATE = Lit.quoted("RollingUpdate");
  private static final byte[] SURGE_25 = Lit.quoted("25%");
  private static final byte[] HTTP = Lit.quoted("http");
  private static final byte[] METRICS = Lit.quoted("metrics");
  private static final byte[] GRPC = Lit.quoted("grpc");
  private static final byte[] TCP = Lit.quoted("TCP");
  private static final byte[] HEALTHZ = Lit.quoted("/healthz");
  private static final byte[] CLUSTER_IP_TYPE = Lit.quoted("ClusterIP");
  private static final byte[] LOAD_BALANCER = Lit.quoted("LoadBalancer");
  private static final byte[] EMPTY = Lit.quoted("");
  private static final byte[] TRUE_STRING = Lit.quoted("True");
  private static final byte[] FALSE_STRING = Lit.quoted("False");
  private static final byte[] AMD64 = Lit.quoted("amd64");
  private static final byte[] ARM64 = Lit.quoted("arm64");
  private static final byte[] DEDICATED = Lit.quoted("dedicated");
  private static final byte[] GPU = Lit.quoted("gpu");
  private static final byte[] NO_SCHEDULE = Lit.quoted("NoSchedule");
  private static final byte[] NORMAL = Lit.quoted("Normal");
  private static final byte[] WARNING = Lit.quoted("Warning");
  private static final byte[] EXPONENTIAL = Lit.quoted("exponential-backoff");
  private static final byte[] ONE = Lit.quoted("1");
  private static final byte[] APPLICATION_YAML_VALUE = Lit.quoted(
      "server:\n  port: 8080\n  shutdown: graceful\nmanagement:\n  endpoints:\n    web:\n"
          + "      exposure:\n        include: \"health,prometheus\"\n");
  private static final Pool ADDON_NAMES = new Pool("coredns", "kube-proxy", "vpc-cni", "aws-ebs-csi-driver");
  private static final Pool ADDON_VERSIONS = new Pool("v1.11.1-eksbuild.9", "v1.29.3-eksbuild.5",
      "v1.18.2-eksbuild.1", "v1.32.0-eksbuild.1");

  private final DocWriter w;
  private final ClusterModel model;
  private final Rng rng = new Rng(0);
  private final Timestamps time = new Timestamps();
  private final Text ns = new Text();
  private final Text dep = new Text();
  private final Text t = new Text();

  ClusterWriter(DocWriter w, ClusterModel model) {
    this.w = w;
    this.model = model;
  }

  void cluster() throws IOException {
    rng.reseed(Rng.hash(model.seed, SALT_CLUSTER));
    int c = model.cluster();
    w.beginObject();
    w.key(NAME);
    w.literal(CLUSTERS.quoted(c));
    w.key(REGION);
    w.literal(REGIONS.quoted(c));
    w.key(PROVIDER);
    w.literal(AWS);
    w.key(VERSION);
    w.literal(K8S_VERSION);
    w.key(API_SERVER);
    w.str(t.clear().add("https://api.").add(CLUSTERS.raw(c)).add(".k8s.example.com:6443"));
    w.key(CREATED);
    created();
    w.key(DESCRIPTION);
    w.literal(CLUSTER_DESCRIPTIONS.quoted(c));
    w.key(FEATURE_GATES);
    w.beginArray();
    for (int i = 0; i < FEATURES.size(); i++) {
      if (rng.chance(700)) {
        w.literal(FEATURES.quoted(i));
      }
    }
    w.endArray();
    w.key(MAINTENANCE);
    sparseWindows();
    w.key(ADDONS);
    w.beginObject();
    for (int i = 0; i < ADDON_NAMES.size(); i++) {
      w.key(t.clear().add(ADDON_NAMES.raw(i)));
      w.literal(ADDON_VERSIONS.quoted(i));
    }
    w.endObject();
    w.endObject();
  }

  /** Weekly windows indexed by week number: the sparse array of the sample ({0: .., 13: ..}). */
  private void sparseWindows() throws IOException {
    w.beginObject();
    int week = 0;
    for (int i = 0; i < 3; i++) {
      w.key(week);
      w.beginObject();
      w.key(DAY);
      w.literal(DAYS.quoted(rng.nextInt(DAYS.size())));
      w.key(START);
      w.str(t.clear().pad(rng.range(0, 5), 2).add(":00"));
      w.key(DURATION_MINUTES);
      w.num(60L * rng.range(1, 4));
      w.endObject();
      week += 13 + rng.nextInt(9);
    }
    w.endObject();
  }

  /** A namespace body. {@code firstDeployment} is the global number of its first deployment. */
  void namespace(int index, long firstDeployment) throws IOException {
    rng.reseed(Rng.hash(model.seed, SALT_NAMESPACE, index));
    ns.clear();
    model.namespaceName(index, ns);
    int team = model.team(index);
    int deployments = model.deploymentCount(index);
    w.beginObject();
    w.key(LABELS);
    w.beginObject();
    w.key(TEAM);
    w.literal(TEAMS.quoted(team));
    w.key(ENVIRONMENT);
    w.literal(PROD);
    w.key(COST_CENTER);
    w.str(t.clear().add("cc-").pad(rng.range(1000, 9999), 4));
    w.endObject();
    w.key(ANNOTATIONS);
    w.beginObject();
    w.key(DESCRIPTION);
    w.literal(NAMESPACE_DESCRIPTIONS.quoted(rng.nextInt(NAMESPACE_DESCRIPTIONS.size())));
    w.key(OWNER);
    w.literal(OWNERS.quoted(rng.nextInt(OWNERS.size())));
    w.endObject();
    w.key(CREATED);
    created();
    w.key(DEPLOYMENTS);
    w.beginObject();
    for (int j = 0; j < deployments; j++) {
      w.key(model.deploymentName(index, j, dep.clear()));
      deployment(index, j, firstDeployment + j);
    }
    w.endObject();
    rng.reseed(Rng.hash(model.seed, SALT_NAMESPACE, index, 1));
    w.key(SERVICES);
    w.beginObject();
    for (int j = 0; j < Math.min(2, deployments); j++) {
      w.key(model.deploymentName(index, j, dep.clear()));
      service(j);
    }
    w.endObject();
    w.key(CONFIG_MAPS);
    w.beginObject();
    w.key(APP_CONFIG);
    w.beginObject();
    w.key(DATA);
    w.beginObject();
    w.key(LOG_LEVEL);
    w.literal(LOG_LEVELS.quoted(model.logLevel(index, 0)));
    w.key(REGION_ENV);
    w.literal(REGIONS.quoted(model.cluster()));
    w.key(FLAGS_URL);
    w.str(t.clear().add("https://flags.internal.example.com/v1/").add(ns));
    w.key(APPLICATION_YAML);
    w.literal(APPLICATION_YAML_VALUE);
    w.key(GREETING);
    w.literal(GREETINGS.quoted(rng.nextInt(GREETINGS.size())));
    w.endObject();
    w.endObject();
    if (rng.chance(500)) {
      w.key(model.deploymentName(index, 0, dep.clear()).add("-settings"));
      w.beginObject();
      w.key(DATA);
      w.beginObject();
      w.key(BATCH_SIZE);
      w.str(t.clear().dec(100L * rng.range(1, 20)));
      w.key(TIMEOUT);
      w.str(t.clear().dec(5L * rng.range(1, 12)).add('s'));
      w.key(RETRY_POLICY);
      w.literal(EXPONENTIAL);
      w.endObject();
      w.endObject();
    }
    w.endObject();
    w.key(QUOTA);
    w.beginObject();
    w.key(CPU_KEY);
    w.str(t.clear().dec(16L * rng.range(1, 8)));
    w.key(MEMORY_KEY);
    w.str(t.clear().dec(64L * rng.range(1, 8)).add("Gi"));
    w.key(PODS);
    w.num(100L * rng.range(1, 10));
    w.endObject();
    w.endObject();
  }

  /** A deployment; {@link #ns} holds its namespace's name. Writes version 0 of its mutable values. */
  private void deployment(int nsIndex, int j, long g) throws IOException {
    rng.reseed(Rng.hash(model.seed, SALT_DEPLOYMENT, g));
    int team = model.team(nsIndex);
    int role = model.role(nsIndex, j);
    int replicas = model.replicas(g, 0);
    w.beginObject();
    w.key(REPLICAS);
    w.num(replicas);
    w.key(STRATEGY);
    w.beginObject();
    w.key(TYPE);
    w.literal(ROLLING_UPDATE);
    w.key(MAX_SURGE);
    w.literal(SURGE_25);
    w.key(MAX_UNAVAILABLE);
    w.num(rng.nextInt(2));
    w.endObject();
    w.key(LABELS);
    w.beginObject();
    w.key(APP_NAME);
    w.str(dep);
    w.key(PART_OF);
    w.literal(TEAMS.quoted(team));
    w.key(TEAM);
    w.literal(TEAMS.quoted(team));
    w.key(TIER);
    w.literal(TIERS.quoted(rng.nextInt(TIERS.size())));
    w.endObject();
    w.key(ANNOTATIONS);
    w.beginObject();
    w.key(REVISION);
    w.literal(ONE);
    if (rng.chance(300)) {
      w.key(OWNER);
      w.literal(OWNERS.quoted(rng.nextInt(OWNERS.size())));
    }
    w.endObject();
    w.key(CREATED);
    created();
    w.key(CONTAINERS);
    w.beginObject();
    w.key(t.clear().add(ROLES.raw(role)));
    mainContainer(nsIndex, j, g, team);
    int sidecars = rng.nextInt(3);
    int first = rng.nextInt(SIDECARS.size());
    for (int s = 0; s < sidecars; s++) {
      int sc = (first + s) % SIDECARS.size();
      w.key(t.clear().add(SIDECARS.raw(sc)));
      sidecar(sc);
    }
    w.endObject();
    w.key(STATUS);
    w.beginObject();
    w.key(AVAILABLE);
    w.num(rng.chance(900) ? replicas : Math.max(0, replicas - 1));
    w.key(OBSERVED);
    w.num(rng.range(1, 40));
    w.endObject();
    w.endObject();
  }

  private void mainContainer(int nsIndex, int j, long g, int team) throws IOException {
    w.beginObject();
    w.key(IMAGE);
    w.str(model.image(nsIndex, j, g, 0, t.clear()));
    w.key(PORTS);
    w.beginArray();
    port(HTTP, 8080);
    if (rng.chance(400)) {
      port(GRPC, 9000);
    }
    port(METRICS, 9090);
    w.endArray();
    w.key(ENV);
    w.beginArray();
    for (int e = 0; e < ENV_NAMES.size(); e++) {
      if (e == 0 || rng.chance(450)) {
        envVar(e, team);
      }
    }
    w.endArray();
    int cpu = rng.nextInt(CPU.size() - 1);
    int mem = rng.nextInt(MEMORY.size() - 1);
    resources(cpu, mem);
    w.key(READINESS);
    w.beginObject();
    w.key(HTTP_GET);
    w.beginObject();
    w.key(PATH);
    w.literal(HEALTHZ);
    w.key(PORT);
    w.num(8080);
    w.endObject();
    w.key(PERIOD);
    w.num(5L * rng.range(1, 6));
    w.endObject();
    w.endObject();
  }

  private void sidecar(int sc) throws IOException {
    w.beginObject();
    w.key(IMAGE);
    w.literal(SIDECAR_IMAGES.quoted(sc));
    resources(rng.nextInt(2), rng.nextInt(3));
    w.endObject();
  }

  private void resources(int cpu, int mem) throws IOException {
    w.key(RESOURCES);
    w.beginObject();
    w.key(REQUESTS);
    w.beginObject();
    w.key(CPU_KEY);
    w.literal(CPU.quoted(cpu));
    w.key(MEMORY_KEY);
    w.literal(MEMORY.quoted(mem));
    w.endObject();
    w.key(LIMITS);
    w.beginObject();
    w.key(CPU_KEY);
    w.literal(CPU.quoted(cpu + 1));
    w.key(MEMORY_KEY);
    w.literal(MEMORY.quoted(mem + 1));
    w.endObject();
    w.endObject();
  }

  private void port(byte[] name, int number) throws IOException {
    w.beginObject();
    w.key(NAME);
    w.literal(name);
    w.key(CONTAINER_PORT);
    w.num(number);
    w.key(PROTOCOL);
    w.literal(TCP);
    w.endObject();
  }

  /** One env entry; {@link #ns} and {@link #dep} hold the namespace and deployment names. */
  private void envVar(int e, int team) throws IOException {
    w.beginObject();
    w.key(NAME);
    w.literal(ENV_NAMES.quoted(e));
    w.key(VALUE);
    t.clear();
    switch (e) {
      case 0:
        t.add("postgres://").add(dep).add("@pg-").add(TEAMS.raw(team)).add('.').add(ns)
            .add(".svc.cluster.local:5432/").add(TEAMS.raw(team)).add("?sslmode=require");
        break;
      case 1:
        t.add("kafka-0.kafka.streaming.svc:9092,kafka-1.kafka.streaming.svc:9092,kafka-2.kafka.streaming.svc:9092");
        break;
      case 2:
        t.add("http://otel-collector.observability.svc.cluster.local:4317");
        break;
      case 3:
        t.add("redis://redis-").add(TEAMS.raw(team)).add('.').add(ns).add(".svc.cluster.local:6379/").dec(rng.nextInt(16));
        break;
      case 4:
        t.add("-XX:MaxRAMPercentage=75 -XX:+UseG1GC -Dfile.encoding=UTF-8");
        break;
      case 5:
        t.dec(1L << rng.nextInt(4));
        break;
      case 6:
        t.add(REGIONS.raw(model.cluster()));
        break;
      case 7:
        t.add("https://flags.internal.example.com/v1/").add(ns).add('/').add(dep);
        break;
      case 8:
        t.add("https://").hex(rng.nextLong(), 16).hex(rng.nextLong(), 16).add("@o").pad(rng.nextInt(1_000_000), 6)
            .add(".ingest.sentry.io/").pad(rng.nextInt(10_000_000), 7);
        break;
      default:
        t.dec(5L * rng.range(1, 12)).add('s');
    }
    w.str(t);
    w.endObject();
  }

  private void service(int j) throws IOException {
    boolean lb = rng.chance(150);
    w.beginObject();
    w.key(TYPE);
    w.literal(lb ? LOAD_BALANCER : CLUSTER_IP_TYPE);
    w.key(CLUSTER_IP);
    w.str(t.clear().add("10.96.").dec(rng.nextInt(256)).add('.').dec(rng.range(1, 254)));
    w.key(PORTS);
    w.beginArray();
    w.beginObject();
    w.key(NAME);
    w.literal(HTTP);
    w.key(PORT);
    w.num(lb ? 443 : 80);
    w.key(TARGET_PORT);
    w.num(8080);
    w.key(PROTOCOL);
    w.literal(TCP);
    w.endObject();
    w.endArray();
    w.key(SELECTOR);
    w.beginObject();
    w.key(APP_NAME);
    w.str(dep);
    w.endObject();
    w.endObject();
  }

  /**
   * Node {@code k}. Its name is derived from a bijection of k, so names are unique, which the
   * {@code !key(name)} tag on the nodes array promises.
   */
  void node(long k) throws IOException {
    rng.reseed(Rng.hash(model.seed, SALT_NODE, k));
    int c = model.cluster();
    long ip = (k ^ (Rng.hash(model.seed, SALT_NODE_IP) & 0xFFFFFF)) & 0xFFFFFF;
    int type = rng.nextInt(INSTANCE_TYPES.size());
    boolean gpu = type == INSTANCE_TYPES.size() - 1;
    boolean arm = type == 4;
    char zone = (char) ('a' + rng.nextInt(3));
    Text name = dep.clear().add("ip-10-").dec(ip >>> 16).add('-').dec((ip >>> 8) & 255).add('-').dec(ip & 255)
        .add('.').add(REGIONS.raw(c)).add(".compute.internal");
    w.beginObject();
    w.key(NAME);
    w.str(name);
    w.key(LABELS);
    w.beginObject();
    w.key(HOSTNAME);
    w.str(name);
    w.key(ZONE);
    w.str(t.clear().add(REGIONS.raw(c)).add(zone));
    w.key(INSTANCE_TYPE);
    w.literal(INSTANCE_TYPES.quoted(type));
    w.key(ARCH);
    w.literal(arm ? ARM64 : AMD64);
    w.key(WORKER_ROLE);
    w.literal(EMPTY);
    w.endObject();
    w.key(CAPACITY);
    capacity(type, 0);
    w.key(ALLOCATABLE);
    capacity(type, 1);
    w.key(DEVICES);
    w.beginObject();
    int slot = 0;
    int devices = rng.range(1, 3);
    for (int d = 0; d < devices; d++) {
      w.key(slot);
      w.str(t.clear().add("nvme").dec(slot).add("n1"));
      slot += 1 + rng.nextInt(6);
    }
    w.endObject();
    w.key(CONDITIONS_KEY);
    w.beginArray();
    long heartbeat = ClusterModel.BASE_EPOCH_SECOND + 645 * 86_400L + rng.nextInt(86_400);
    for (int i = 0; i < CONDITIONS.size(); i++) {
      w.beginObject();
      w.key(TYPE);
      w.literal(CONDITIONS.quoted(i));
      w.key(STATUS);
      boolean bad = rng.chance(20);
      w.literal((i == 0) != bad ? TRUE_STRING : FALSE_STRING);
      w.key(LAST_HEARTBEAT);
      t.clear();
      time.appendSeconds(t, heartbeat - rng.nextInt(40));
      w.str(t);
      w.endObject();
    }
    w.endArray();
    w.key(UNSCHEDULABLE);
    w.bool(rng.chance(15));
    w.key(LOAD);
    w.thousandths(rng.nextInt(4000));
    w.key(TAINTS);
    w.beginArray();
    if (gpu) {
      w.beginObject();
      w.key(KEY);
      w.literal(DEDICATED);
      w.key(VALUE);
      w.literal(GPU);
      w.key(EFFECT);
      w.literal(NO_SCHEDULE);
      w.endObject();
    }
    w.endArray();
    w.key(KUBELET);
    w.literal(KUBELET_VERSION);
    w.key(DELETION);
    w.nul();
    w.endObject();
  }

  private void capacity(int type, int allocatable) throws IOException {
    w.beginObject();
    w.key(CPU_KEY);
    w.num(INSTANCE_CPUS[type] - allocatable);
    w.key(MEMORY_KEY);
    w.str(t.clear().add(INSTANCE_MEMORY[type]));
    w.key(PODS);
    w.num(110);
    w.key(EPHEMERAL);
    w.str(t.clear().dec(200 - 12L * allocatable).add("Gi"));
    w.endObject();
  }

  /** Event {@code k}: refers to a real namespace, deployment and container of the model. */
  void event(long k) throws IOException {
    rng.reseed(Rng.hash(model.seed, SALT_EVENT, k));
    int nsIndex = rng.nextInt(model.namespaces());
    int j = rng.nextInt(model.deploymentCount(nsIndex));
    ns.clear();
    model.namespaceName(nsIndex, ns);
    model.deploymentName(nsIndex, j, dep.clear());
    boolean warning = rng.chance(300);
    int reason = warning ? rng.nextInt(EVENT_REASONS_WARNING.size()) : rng.nextInt(EVENT_REASONS_NORMAL.size());
    w.beginObject();
    w.key(TYPE);
    w.literal(warning ? WARNING : NORMAL);
    w.key(REASON);
    w.literal(warning ? EVENT_REASONS_WARNING.quoted(reason) : EVENT_REASONS_NORMAL.quoted(reason));
    w.key(OBJECT);
    long rs = rng.nextLong() >>> 1;
    long pod = rng.nextLong() >>> 1;
    Text object = t.clear().add(ns).add('/').add(dep).add('-').base36(rs, 10).add('-').base36(pod, 5);
    w.str(object);
    w.key(MESSAGE);
    w.str(eventMessage(warning, reason, nsIndex, j));
    w.key(COUNT);
    int count = warning ? rng.range(1, 400) : 1;
    w.num(count);
    long last = (ClusterModel.BASE_EPOCH_SECOND + 645 * 86_400L) * 1000 + rng.nextInt(86_400_000);
    long first = last - (count - 1) * 1000L * rng.range(10, 300);
    w.key(FIRST_SEEN);
    t.clear();
    time.appendMillis(t, first);
    w.str(t);
    w.key(LAST_SEEN);
    t.clear();
    time.appendMillis(t, last);
    w.str(t);
    w.endObject();
  }

  private Text eventMessage(boolean warning, int reason, int nsIndex, int j) {
    Text m = t.clear();
    int role = model.role(nsIndex, j);
    if (!warning) {
      switch (reason) {
        case 0:
          return m.add("Successfully assigned ").add(ns).add('/').add(dep).add('-').base36(rng.nextLong() >>> 1, 5)
              .add(" to ip-10-").dec(rng.nextInt(256)).add('-').dec(rng.nextInt(256)).add('-').dec(rng.nextInt(256));
        case 1:
          m.add("Container image \"");
          model.image(nsIndex, j, model.deploymentIndex(nsIndex, j), 0, m);
          return m.add("\" already present on machine");
        case 2:
          return m.add("Scaled up replica set ").add(dep).add('-').base36(rng.nextLong() >>> 1, 10).add(" to ")
              .dec(rng.range(1, 12));
        case 3:
          return m.add("Stopping container ").add(ROLES.raw(role));
        default:
          return m.add("Started container ").add(ROLES.raw(role));
      }
    }
    switch (reason) {
      case 0:
        return m.add("Back-off restarting failed container ").add(ROLES.raw(role)).add(" in pod ").add(dep).add('-')
            .base36(rng.nextLong() >>> 1, 5);
      case 1:
        return m.add("0/").dec(model.layout.nodes()).add(" nodes are available: ").dec(rng.range(1, 9))
            .add(" Insufficient cpu, ").dec(rng.range(1, 3)).add(" node(s) had untolerated taint {dedicated: gpu}.");
      case 2:
        return m.add(PROBE_FAILURES.word(rng.nextInt(PROBE_FAILURES.size())));
      case 3:
        return m.add("Memory cgroup out of memory: Killed process ").dec(rng.range(1000, 99999)).add(" (java) total-vm:")
            .dec(rng.range(1_000_000, 9_000_000)).add("kB");
      default:
        return m.add("MountVolume.SetUp failed for volume \"secrets-store\" : rpc error: code = Unknown");
    }
  }

  private void created() throws IOException {
    t.clear();
    time.appendSeconds(t, ClusterModel.BASE_EPOCH_SECOND + rng.nextLong(600 * 86_400L));
    w.str(t);
  }
}
