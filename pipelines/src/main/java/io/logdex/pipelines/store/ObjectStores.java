package io.logdex.pipelines.store;

import io.logdex.transforms.ObjectFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Which locations this logdex can reach, checked before any work. Local paths need nothing. For
 * {@code s3://} Beam's S3 file system is registered with the standard AWS options ({@code
 * --awsRegion}, {@code --endpoint}, {@code --awsCredentialsProvider}) or the SDK's environment
 * (AWS_REGION, AWS_ACCESS_KEY_ID, ...), with path-style access when an endpoint is given; for
 * {@code hdfs://} Beam's Hadoop file system with {@code --hdfsConfiguration} or HADOOP_CONF_DIR
 * ({@link HdfsConfig}). The modules are registered only here, so a command on local paths never
 * loads them.
 */
public final class ObjectStores {
  /** The part size of S3 uploads (Beam's --s3UploadBufferSizeBytes, which logdex does not take). */
  static final int UPLOAD_BUFFER_BYTES = 8 << 20;

  private ObjectStores() {}

  /** The scheme of a URL ({@code s3}), or null for a plain path: {@link Locations#schemeOf}. */
  public static String schemeOf(String location) {
    return Locations.schemeOf(location);
  }

  /** Options made of the store options (AWS, Hadoop) given to a query command as {@code --name=value}. */
  public static PipelineOptions options(List<String> awsArgs) {
    List<String> args = new ArrayList<>(awsArgs);
    try {
      return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(S3Options.class);
    } catch (IllegalArgumentException e) {
      throw new StoreException(firstLine(e.getMessage()));
    }
  }

  /**
   * Checks that location can be reached with these options and registers its file system with
   * Beam; a no-op for local paths.
   */
  public static void configure(String location, PipelineOptions options) {
    String scheme = schemeOf(location);
    if (scheme == null) return;
    switch (scheme) {
      case "s3" -> configureS3(location, options);
      case "hdfs" -> {
        require("org.apache.hadoop.conf.Configuration", location,
            "hdfs:// needs Hadoop's client jars (hadoop-client-api, hadoop-client-runtime) on the classpath");
        require("org.apache.beam.sdk.io.hdfs.HadoopFileSystemRegistrar", location,
            "hdfs:// needs Beam's module beam-sdks-java-io-hadoop-file-system on the classpath");
        HdfsConfig.configure(location, options);
      }
      case "gs" -> {
        require("org.apache.beam.sdk.extensions.gcp.storage.GcsFileSystemRegistrar", location,
            "gs:// needs Beam's Google Cloud Platform core module on the classpath");
        FileSystems.setDefaultPipelineOptions(options);
      }
      default -> throw new StoreException(location + ": unknown scheme " + scheme
          + "://; logdex reads and writes local paths, s3:// and hdfs:// (gs:// with its module)");
    }
  }

  private static void configureS3(String location, PipelineOptions options) {
    require("org.apache.beam.sdk.io.aws2.s3.S3FileSystemRegistrar", location,
        "s3:// needs Beam's module beam-sdks-java-io-amazon-web-services2 on the classpath");
    if (!location.matches("s3://[^/]+(/.*)?")) {
      throw new StoreException(location + ": an s3:// location names a bucket: s3://BUCKET/PREFIX");
    }
    S3Options s3 = options.as(S3Options.class);
    try {
      if (s3.getAwsRegion() == null) {
        throw new StoreException(location + ": no AWS region: give --awsRegion=REGION or set AWS_REGION");
      }
    } catch (SdkException e) {
      throw new StoreException(location + ": no AWS region: give --awsRegion=REGION or set AWS_REGION");
    }
    try {
      s3.getAwsCredentialsProvider().resolveCredentials();
    } catch (SdkException e) {
      throw new StoreException(location + ": no AWS credentials: set AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or give --awsCredentialsProvider");
    }
    if (s3.getS3ClientFactoryClass() == null
        || s3.getS3ClientFactoryClass().getName().endsWith("DefaultS3ClientBuilderFactory")) {
      s3.setS3ClientFactoryClass(PathStyleS3ClientBuilderFactory.class);
    }
    // Beam allocates this buffer afresh for every object it writes, 64 MiB once the heap passes
    // 512 MiB; a build's workers write every log, run and index file as an object of its own,
    // several at once. 8 MiB parts still allow objects of 78 GiB (10,000 parts).
    s3.setS3UploadBufferSizeBytes(UPLOAD_BUFFER_BYTES);
    FileSystems.setDefaultPipelineOptions(options);
  }

  /**
   * Deletes a build's scratch prefix (ending in {@code /}) on any store: on HDFS with its
   * directories, which Beam's FileSystems would leave behind.
   */
  static void deleteScratch(String dirUrl, PipelineOptions options) throws IOException {
    if ("hdfs".equals(schemeOf(dirUrl))) {
      HdfsConfig.deleteTree(dirUrl, options);
    } else {
      ObjectFiles.deleteUnder(dirUrl);
    }
  }

  /** Deletes the directory dirUrl if nothing is under it: on HDFS; other stores have no directories. */
  static void deleteIfEmpty(String dirUrl, PipelineOptions options) throws IOException {
    if ("hdfs".equals(schemeOf(dirUrl))) HdfsConfig.deleteIfEmpty(dirUrl, options);
  }

  private static void require(String className, String location, String what) {
    try {
      Class.forName(className, false, ObjectStores.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new StoreException(location + ": " + what);
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "bad store option";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
