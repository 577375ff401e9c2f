package io.logdex.cli;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Adobe's S3Mock, a real S3-compatible HTTP server, run as a JVM of its own on 127.0.0.1 from the
 * jar Maven copied to target/s3mock (pipelines/pom.xml), with one bucket; stopped by close().
 */
final class S3MockServer implements AutoCloseable {
  final String endpoint;
  private final Process process;

  private S3MockServer(String endpoint, Process process) {
    this.endpoint = endpoint;
    this.process = process;
  }

  /**
   * Starts a server with the bucket {@code bucket} under dir/s3root, with test credentials for the
   * SDK's default chain (read before the environment's; no instance metadata lookups).
   */
  static S3MockServer startForTests(Path dir) throws Exception {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    System.setProperty("aws.disableEc2Metadata", "true");
    return start("bucket", Files.createDirectories(dir.resolve("s3root")));
  }

  /** The AWS options that point a command at this server. */
  String[] awsArgs() {
    return new String[] {"--awsRegion=us-east-1", "--endpoint=" + endpoint};
  }

  static S3MockServer start(String bucket, Path root) throws Exception {
    Path jar = Path.of("target/s3mock/s3mock.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) throw new IllegalStateException("no S3Mock server jar at " + jar + " (mvn process-test-resources)");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
        "--server.address=127.0.0.1", "--server.port=0",
        "--com.adobe.testing.s3mock.httpPort=" + port,
        "--com.adobe.testing.s3mock.store.initialBuckets=" + bucket,
        "--com.adobe.testing.s3mock.store.root=" + root.toAbsolutePath(),
        "--logging.level.root=WARN"))
        .redirectErrorStream(true).redirectOutput(root.resolveSibling("s3mock.log").toFile()).start();
    String endpoint = "http://127.0.0.1:" + port;
    S3MockServer server = new S3MockServer(endpoint, p);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) throw new IllegalStateException("S3Mock exited: see " + root.resolveSibling("s3mock.log"));
      try {
        HttpURLConnection c = (HttpURLConnection) new URL(endpoint + "/" + bucket).openConnection();
        c.setConnectTimeout(500);
        if (c.getResponseCode() == 200) return server;
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    server.close();
    throw new IllegalStateException("S3Mock did not start within 120 s");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
