package io.logdex.pipelines.store;

import io.logdex.transforms.BuildFailedException;
import io.logdex.transforms.Generations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
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
 * A build output on S3, committed without a rename (FORMAT.md, "Object storage"). The build runs
 * on the local disk, in a stage that mirrors the output's committed state (its manifest and
 * current generation, so incremental builds work as locally, and an empty directory for every other
 * generation name, so the new one takes a number no object holds). Publishing then claims the new
 * generation with a create-if-absent of {@code gNNNNNN.claim} (S3 {@code If-None-Match: *}),
 * uploads its files through Beam FileSystems, and commits by writing {@code manifest.json} last,
 * on the condition that it is still the one the build started from ({@code If-Match} on its ETag,
 * or {@code If-None-Match: *} when there was none). Of two builds racing, one commits and the other
 * fails, removing only what it wrote itself. After the commit, generations older than the previous
 * one and their claims are removed.
 */
public final class ObjectStoreOutput {
  private static final Pattern TOP = Pattern.compile("(g\\d{6})(\\.claim|/.*)?");

  private final String url;
  private final String bucket;
  private final String prefix;
  private final S3Client s3;
  private String manifestEtag;

  private ObjectStoreOutput(String url, String bucket, String prefix, S3Client s3) {
    this.url = url;
    this.bucket = bucket;
    this.prefix = prefix;
    this.s3 = s3;
  }

  /** An s3:// output; {@link ObjectStores#configure} has checked the options. */
  public static ObjectStoreOutput open(String url, PipelineOptions options) {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    String rest = u.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1) + "/";
    S3Options o = options.as(S3Options.class);
    S3Client client = InstanceBuilder.ofType(S3ClientBuilderFactory.class)
        .fromClass(o.getS3ClientFactoryClass()).build().createBuilder(o).build();
    return new ObjectStoreOutput(u, bucket, prefix, client);
  }

  public String url() {
    return url;
  }

  /**
   * Fills an empty local directory with the output's committed state: manifest.json, the current
   * generation's files, and an empty directory for every other generation name or claim.
   */
  public void stageInto(Path stage) throws IOException {
    String current = null;
    try {
      HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(prefix + Generations.MANIFEST));
      manifestEtag = h.eTag();
      download(Generations.MANIFEST, stage);
      current = io.logdex.transforms.BuildManifest.currentGeneration(stage);
    } catch (NoSuchKeyException e) {
      manifestEtag = null;
    } catch (S3Exception e) {
      if (e.statusCode() != 404) throw new IOException(url + ": " + e.awsErrorDetails().errorMessage(), e);
      manifestEtag = null;
    }
    for (String key : keys()) {
      Matcher m = TOP.matcher(key);
      if (!m.matches()) continue;
      if (m.group(1).equals(current) && m.group(2) != null && m.group(2).startsWith("/")) {
        download(key, stage);
      } else if (manifestEtag != null) {
        Files.createDirectories(stage.resolve(m.group(1)));
      }
    }
  }

  /** Claims generation, uploads its files from stage, and commits it by writing manifest.json. */
  public void publish(Path stage, String generation, String previous) throws IOException {
    String claim = prefix + generation + ".claim";
    try {
      s3.putObject(conditional(PutObjectRequest.builder().bucket(bucket).key(claim), null),
          RequestBody.fromString("claimed by a logdex build\n"));
    } catch (S3Exception e) {
      if (!isConflict(e)) throw new IOException(url + ": claiming " + generation + ": " + e.getMessage(), e);
      throw new BuildFailedException("build failed, nothing committed: generation " + generation + " of " + url
          + " is claimed by another build; the output keeps its committed generation"
          + (previous == null ? "" : " " + previous));
    }
    List<String> written = new ArrayList<>();
    written.add(claim);
    try {
      Path gen = stage.resolve(generation);
      List<Path> files;
      try (Stream<Path> s = Files.walk(gen)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        String rel = stage.relativize(f).toString().replace('\\', '/');
        upload(f, rel);
        written.add(prefix + rel);
      }
      byte[] manifest = Files.readAllBytes(stage.resolve(Generations.MANIFEST));
      try {
        s3.putObject(conditional(PutObjectRequest.builder().bucket(bucket).key(prefix + Generations.MANIFEST),
            manifestEtag), RequestBody.fromBytes(manifest));
      } catch (S3Exception e) {
        if (!isConflict(e)) throw e;
        throw new BuildFailedException("build failed, nothing committed: another build committed to " + url
            + " while this one ran; its generation " + generation + " was removed");
      }
      written.clear();
    } finally {
      for (String key : written) s3.deleteObject(b -> b.bucket(bucket).key(key));
    }
    removeOld(generation, previous);
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
        s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
      }
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

  private void download(String rel, Path stage) throws IOException {
    Path to = stage.resolve(rel);
    Files.createDirectories(to.getParent());
    try (InputStream in = Channels.newInputStream(
        FileSystems.open(FileSystems.matchNewResource(url + "/" + rel, false)))) {
      Files.copy(in, to);
    }
  }

  private void upload(Path file, String rel) throws IOException {
    try (OutputStream out = Channels.newOutputStream(
        FileSystems.create(FileSystems.matchNewResource(url + "/" + rel, false), "application/octet-stream"))) {
      Files.copy(file, out);
    }
  }
}
