package io.logdex.pipelines.store;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's S3 client, with path-style access when {@code --endpoint} is given: S3-compatible servers
 * (MinIO, S3Mock, Ceph) serve {@code http://host/bucket/key}, not a host name per bucket.
 */
public final class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {
  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    S3ClientBuilder b = new DefaultS3ClientBuilderFactory().createBuilder(options);
    return options.getEndpoint() == null ? b : b.forcePathStyle(true);
  }
}
