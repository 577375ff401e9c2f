package io.logdex.pipelines.store;

import io.logdex.transforms.BuildPlan;
import io.logdex.transforms.Generations;
import io.logdex.transforms.ObjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.InstanceBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A build output on S3, committed without a rename (FORMAT.md, "Object storage"). The launcher
 * mirrors the output's committed state into a local stage (its manifest, and an empty directory
 * for every generation or claim name, so the new generation takes a number no object holds), plans
 * there, and claims the new generation with a create-if-absent of {@code gNNNNNN.claim} (S3 {@code
 * If-None-Match: *}) before the job runs; the job's workers write the generation's files to the
 * store themselves. The launcher then commits by writing {@code manifest.json} last, on the
 * condition that it is still the one the build started from ({@code If-Match} on its ETag, or
 * {@code If-None-Match: *} when there was none). Of two builds racing, one commits and the other
 * fails, removing only what it wrote itself. After the commit, generations older than the previous
 * one, their claims and the scratch their claims name are removed.
 */
final class S3Output implements ObjectStoreOutput {
  private static final Pattern TOP = Pattern.compile("(g\\d{6})(\\.claim|/.*)?");

  private final String url;
  private final String bucket;
  private final String prefix;
  private final S3Client s3;
  private final PipelineOptions options;
  private String manifestEtag;

  private S3Output(String url, String bucket, String prefix, S3Client s3, PipelineOptions options) {
    this.url = url;
    this.bucket = bucket;
    this.prefix = prefix;
    this.s3 = s3;
    this.options = options;
  }

  /** An s3:// output; {@link ObjectStores#configure} has checked the options. */
  static S3Output open(String url, PipelineOptions options) {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    String rest = u.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1) + "/";
    S3Options o = options.as(S3Options.class);
    S3Client client = InstanceBuilder.ofType(S3ClientBuilderFactory.class)
        .fromClass(o.getS3ClientFactoryClass()).build().createBuilder(o).build();
    return new S3Output(u, bucket, prefix, client, options);
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public void stageInto(Path stage) throws IOException {
    try {
      HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(prefix + Generations.MANIFEST));
      manifestEtag = h.eTag();
      Files.write(stage.resolve(Generations.MANIFEST), ObjectFiles.read(url + "/" + Generations.MANIFEST));
    } catch (NoSuchKeyException e) {
      manifestEtag = null;
    } catch (S3Exception e) {
      if (e.statusCode() != 404) throw new IOException(url + ": " + e.awsErrorDetails().errorMessage(), e);
      manifestEtag = null;
    }
    if (manifestEtag == null) return; // a stage with a directory but no manifest is not logdex's to build into
    for (String key : keys()) {
      Matcher m = TOP.matcher(key);
      if (m.matches()) Files.createDirectories(stage.resolve(m.group(1)));
    }
  }

  /** Creates {@code gNNNNNN.claim} only if absent ({@code If-None-Match: *}). */
  @Override
  public void claim(String generation, String previous, String scratchUrl) throws IOException {
    String claim = prefix + generation + ".claim";
    try {
      s3.putObject(conditional(PutObjectRequest.builder().bucket(bucket).key(claim), null),
          RequestBody.fromBytes(Claims.body(scratchUrl)));
    } catch (S3Exception e) {
      if (!isConflict(e)) throw new IOException(url + ": claiming " + generation + ": " + e.getMessage(), e);
      throw Claims.taken(url, generation, previous);
    }
  }

  /** Writes manifest.json only if it is still the one staged ({@code If-Match} on its ETag). */
  @Override
  public void commit(String generation, String previous, byte[] manifest) throws IOException {
    try {
      s3.putObject(conditional(PutObjectRequest.builder().bucket(bucket).key(prefix + Generations.MANIFEST),
          manifestEtag), RequestBody.fromBytes(manifest));
    } catch (S3Exception e) {
      if (!isConflict(e)) throw new IOException(url + ": committing " + generation + ": " + e.getMessage(), e);
      removeGeneration(generation, false);
      throw Claims.overtaken(url, generation);
    }
    removeOld(generation, previous);
  }

  @Override
  public String abandon(String generation) throws IOException {
    boolean kept = removeGeneration(generation, true);
    return kept ? url + "/" + generation + "/" + BuildPlan.DEAD_LETTER_DIR : null;
  }

  /** Deletes a generation's objects (but its dead letters, if asked) and, when none is left, its claim. */
  private boolean removeGeneration(String generation, boolean keepDeadLetters) {
    String deadLetters = generation + "/" + BuildPlan.DEAD_LETTER_DIR + "/";
    boolean kept = false;
    for (String key : keys()) {
      if (!key.startsWith(generation + "/")) continue;
      if (keepDeadLetters && key.startsWith(deadLetters)) {
        kept = true;
      } else {
        s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
      }
    }
    if (!kept) s3.deleteObject(b -> b.bucket(bucket).key(prefix + generation + ".claim"));
    return kept;
  }

  /** After a commit: generations (and their claims) below the new one, except the previous one. */
  private void removeOld(String committed, String previous) {
    int n;
    try {
      n = Generations.number(committed);
    } catch (io.logdex.format.FormatException e) {
      throw new IllegalStateException(e);
    }
    for (String key : keys()) {
      Matcher m = TOP.matcher(key);
      if (!m.matches()) continue;
      String g = m.group(1);
      // A generation's claim goes with it, never before: a claim removed early would let a build
      // staged from the old state claim the number again and overwrite the committed files.
      if (Integer.parseInt(g.substring(1)) < n && !g.equals(previous)) {
        if (".claim".equals(m.group(2))) removeScratchNamedBy(key);
        s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
      }
    }
  }

  /**
   * Deletes the scratch prefix a claim names: a build killed before it cleaned up leaves its
   * scratch (spilled runs) under --tempLocation, and only its claim says where.
   */
  private void removeScratchNamedBy(String claimKey) {
    try {
      String scratch = Claims.scratchOf(ObjectFiles.read(url + "/" + claimKey));
      if (scratch != null) ObjectStores.deleteScratch(scratch, options);
    } catch (IOException | RuntimeException e) {
      // Best effort: the scratch is outside the output, and no reader uses it.
    }
  }

  private static PutObjectRequest conditional(PutObjectRequest.Builder b, String etag) {
    return b.overrideConfiguration(c -> {
      if (etag == null) c.putHeader("If-None-Match", "*");
      else c.putHeader("If-Match", etag);
    }).build();
  }

  private static boolean isConflict(S3Exception e) {
    return e.statusCode() == 412 || e.statusCode() == 409;
  }

  /** Keys under the output prefix, relative to it. */
  private List<String> keys() {
    List<String> out = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      out.add(o.key().substring(prefix.length()));
    }
    return out;
  }
}
