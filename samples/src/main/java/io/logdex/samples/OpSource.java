package io.logdex.samples;

import static io.logdex.samples.OpRecord.*;

/**
 * Produces s3dlio op-log records in completion order, as s3dlio's background writer numbers them:
 * each record ends shortly after the previous one, and starts its own duration earlier, so idx is
 * sorted by end but not by start. Record i depends only on the seed and the records before it, so
 * the first n records of any longer log are the log of n records.
 *
 * <p>Workload: a few clients with worker threads reading and writing training data, checkpoints and
 * results on S3, Azure, GCS, file:// and direct:// targets with long object names; about 1% of
 * operations fail with a real-looking message.
 */
final class OpSource {
  private static final long BASE_EPOCH_NANOS = 1_760_004_000L * Timestamps.NANOS; // 2025-10-09T10:00:00Z
  private static final int THREADS = 48;
  private static final int CLIENTS = 3;
  /** Cumulative per-mille weights of the ops, in OPS order. */
  private static final int[] OP_WEIGHTS = {390, 180, 80, 80, 60, 20, 15, 15, 100, 60};

  private static final int TIMEOUT_ERROR = 2;
  private static final int BUCKET_NOT_EMPTY_ERROR = 9;
  static final Pool ERRORS = new Pool(
      "service error: NoSuchKey: The specified key does not exist.",
      "dispatch failure: io error: Connection reset by peer (os error 104)",
      "operation timed out after 30s",
      "service error: SlowDown: Please reduce your request rate.",
      "service error: AccessDenied: Access Denied",
      "No such file or directory (os error 2)",
      "service error: InternalError: We encountered an internal error. Please try again.",
      "response error: unexpected status 503 Service Unavailable, body: \"<Error><Code>ServiceUnavailable</Code></Error>\"",
      "O_DIRECT write failed: Invalid argument (os error 22): offset 4097 is not a multiple of 4096",
      "service error: BucketNotEmpty: The bucket you tried to delete is not empty");

  /** Storage targets: endpoint, the object URI's path after the scheme, and a median object size. */
  private static final Target[] TARGETS = {
    new Target("s3://ml-training-eu-west-1", "ml-training-eu-west-1/", Naming.IMAGENET, 112_000, 34),
    new Target("s3://checkpoints-prod-7f3a9c", "checkpoints-prod-7f3a9c/", Naming.CHECKPOINT, 96_000_000, 14),
    new Target("az://sai3-results", "sai3-results/", Naming.RESULTS, 24_000, 10),
    new Target("gs://dlio-unet3d-us-central1", "dlio-unet3d-us-central1/", Naming.UNET3D, 140_000_000, 8),
    new Target("file://", "/mnt/nvme0/dlio/", Naming.TFRECORD, 8_000_000, 14),
    new Target("direct://", "/mnt/fast-nvme/dlio/", Naming.UNET3D, 140_000_000, 20),
  };

  private enum Naming { IMAGENET, CHECKPOINT, RESULTS, UNET3D, TFRECORD }

  private static final class Target {
    final byte[] endpoint;
    final byte[] root;
    final Naming naming;
    final double medianBytes;
    final int weight;

    Target(String endpoint, String root, Naming naming, double medianBytes, int weight) {
      this.endpoint = Lit.ascii(endpoint);
      this.root = Lit.ascii(root);
      this.naming = naming;
      this.medianBytes = medianBytes;
      this.weight = weight;
    }
  }

  private static final Pool SYNSETS = new Pool(
      "n01440764", "n01443537", "n01484850", "n01491361", "n01494475", "n01496331", "n01498041", "n01514668",
      "n02085620", "n02085782", "n02086240", "n02087046", "n02123045", "n02123159", "n03417042", "n04037443");
  private static final Pool MODELS = new Pool(
      "llama-3.1-70b-instruct", "mixtral-8x22b-sft", "resnet50-imagenet21k-pretrain", "bert-large-uncased-wwm");

  private final Rng rng;
  private final long[] threadIds = new long[THREADS];
  private final byte[][] clients = new byte[CLIENTS][];
  private long next;
  private long clock;

  OpSource(long seed) {
    this.rng = new Rng(Rng.hash(seed, 301));
    for (int i = 0; i < THREADS; i++) {
      threadIds[i] = rng.nextLong();
    }
    for (int i = 0; i < CLIENTS; i++) {
      clients[i] = Lit.ascii(String.format(java.util.Locale.ROOT, "sai3-agent-%02d", rng.range(1, 64)));
    }
    this.clock = BASE_EPOCH_NANOS + rng.nextLong(3_600L * Timestamps.NANOS);
  }

  /** Fills {@code r} with the next record. */
  void next(OpRecord r) {
    r.idx = next++;
    int thread = rng.nextInt(THREADS);
    r.thread = threadIds[thread];
    r.clientId = clients[thread % CLIENTS];
    r.op = pickOp();
    Target target = pickTarget();
    r.endpoint = target.endpoint;
    r.error = rng.chance(10) ? pickError(r.op) : -1;
    long size = Math.max(1, (long) rng.logNormal(target.medianBytes, 0.6));
    r.nObjects = 1;
    r.bytes = 0;
    r.file.clear().add(target.root);
    switch (r.op) {
      case LIST:
        directory(target, r.file);
        r.nObjects = r.error >= 0 ? 0 : rng.range(0, 1000);
        break;
      case DELETE_PREFIX:
        directory(target, r.file);
        r.nObjects = 0;
        break;
      case CREATE_CONTAINER:
      case DELETE_CONTAINER:
        r.file.clear().add(target.root, 0, target.root.length - 1);
        break;
      case GET_RANGE:
        object(target, r.file);
        r.bytes = r.error >= 0 ? 0 : Math.min(size, 1L << (20 + rng.nextInt(4)));
        break;
      case DELETE:
        object(target, r.file);
        break;
      default:
        object(target, r.file);
        r.bytes = r.error >= 0 && r.op == GET ? 0 : size;
    }
    // Latency: a request round trip plus transfer at a few hundred MB/s to a few GB/s.
    long firstByteAfter = (long) rng.logNormal(2_500_000, 0.7);
    long transfer = (r.op == GET || r.op == PUT || r.op == GET_RANGE) ? size * 1000 / rng.range(300, 3000) : 0;
    long duration = firstByteAfter + transfer + rng.nextInt(200_000);
    if (r.error == TIMEOUT_ERROR) {
      duration = 30_000_000_000L + rng.nextInt(5_000_000);
    }
    clock += 1 + (long) (-StrictMath.log(1 - rng.nextDouble()) * 180_000);
    r.end = clock;
    r.start = clock - duration;
    boolean read = r.op == GET || r.op == GET_RANGE;
    r.firstByte = read && r.error < 0 ? r.start + firstByteAfter : -1;
  }

  private int pickOp() {
    int x = rng.nextInt(1000);
    for (int i = 0; i < OP_WEIGHTS.length; i++) {
      x -= OP_WEIGHTS[i];
      if (x < 0) {
        return i;
      }
    }
    return GET;
  }

  private Target pickTarget() {
    int x = rng.nextInt(100);
    for (Target t : TARGETS) {
      x -= t.weight;
      if (x < 0) {
        return t;
      }
    }
    return TARGETS[0];
  }

  private int pickError(int op) {
    if (op == DELETE_CONTAINER && rng.chance(600)) {
      return BUCKET_NOT_EMPTY_ERROR;
    }
    return rng.nextInt(ERRORS.size() - 1);
  }

  private void directory(Target target, Text into) {
    switch (target.naming) {
      case IMAGENET:
        into.add(IMAGENET_PREFIX).add("shard-").pad(rng.nextInt(1024), 6).add('/');
        return;
      case CHECKPOINT:
        into.add(CHECKPOINT_PREFIX).add(MODELS.raw(rng.nextInt(MODELS.size()))).add("/run-20251009T")
            .pad(rng.nextInt(24), 2).add("0000Z-").hex(rng.nextLong(), 8).add('/');
        return;
      case RESULTS:
        into.add(RESULTS_PREFIX).pad(rng.nextInt(64), 2).add("/prepared-objects/");
        return;
      case TFRECORD:
        into.add(TFRECORD_PREFIX);
        return;
      default:
        into.add(UNET3D_PREFIX).add("case_").pad(rng.nextInt(300), 5).add('/');
    }
  }

  /**
   * An object name of 150 to 230 bytes: real training, checkpoint and benchmark keys are long, and
   * s3dlio's published example averages about 354 bytes per line.
   */
  private void object(Target target, Text into) {
    switch (target.naming) {
      case IMAGENET: {
        int synset = rng.nextInt(SYNSETS.size());
        into.add(IMAGENET_PREFIX).add("shard-").pad(rng.nextInt(1024), 6).add('/').add(SYNSETS.raw(synset)).add('/')
            .add(SYNSETS.raw(synset)).add('_').pad(rng.nextInt(100_000), 5).add("_augmented-crop224-flip-jitter-")
            .hex(rng.nextLong(), 16).hex(rng.nextLong(), 4).add(".JPEG");
        return;
      }
      case CHECKPOINT:
        into.add(CHECKPOINT_PREFIX).add(MODELS.raw(rng.nextInt(MODELS.size()))).add("/run-20251009T")
            .pad(rng.nextInt(24), 2).add("0000Z-").hex(rng.nextLong(), 8).add("/tp8-pp4-dp16/global_step_").pad(500L * rng.nextInt(40), 7)
            .add("/zero_pp_rank_").dec(rng.nextInt(8)).add("_mp_rank_").pad(rng.nextInt(8), 2).add("_optim_states.pt");
        return;
      case RESULTS:
        into.add(RESULTS_PREFIX).pad(rng.nextInt(64), 2).add("/prepared-objects/d").pad(rng.nextInt(100), 3).add("/w")
            .pad(rng.nextInt(48), 2).add("/obj-").hex(rng.nextLong(), 16).hex(rng.nextLong(), 16).add(".bin");
        return;
      case TFRECORD: {
        int part = rng.nextInt(1024);
        into.add(TFRECORD_PREFIX).add("img_").dec(part).add("_of_1024/train-").pad(part, 5).add("-of-01024-")
            .hex(rng.nextLong(), 16).add(".tfrecord");
        return;
      }
      default: {
        int c = rng.nextInt(300);
        into.add(UNET3D_PREFIX).add("case_").pad(c, 5).add("/img_").pad(c, 5).add("_part_").pad(rng.nextInt(100), 3)
            .add("_of_100_float32_128x128x128-sha256-").hex(rng.nextLong(), 16).add(".npz");
      }
    }
  }

  private static final byte[] IMAGENET_PREFIX =
      Lit.ascii("datasets/imagenet-21k-winter-2021/preprocessed/v3-resize256-centercrop224-randaugment-m9/source=laion-dedup-v2/train/");
  private static final byte[] CHECKPOINT_PREFIX = Lit.ascii("experiments/pretraining/team-foundation-models/");
  private static final byte[] RESULTS_PREFIX =
      Lit.ascii("benchmarks/sai3-bench/2025-10-09/mixed-get-put-70-30-objsize-lognormal-256k-4m-c64/agent-");
  private static final byte[] TFRECORD_PREFIX =
      Lit.ascii("workloads/mlperf-storage-v1.0/resnet50/imagenet-1k-tfrecord-shards/train/");
  private static final byte[] UNET3D_PREFIX =
      Lit.ascii("workloads/mlperf-storage-v1.0/unet3d/kits19-preprocessed-float32-128x128x128/train/npz/");
}
