package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the object-store CLI tests share: an S3 test server per test class, its AWS arguments, and
 * the sample inputs copied into the class's temp directory. Test classes run one at a time, so the
 * static fields belong to whichever class is running.
 */
abstract class ObjectStoreTestBase {
  @TempDir static Path tmp;
  static S3MockServer server;
  static String[] aws;
  /** Where a subclass builds its local reference. */
  static Path local;
  static Path snapshot;
  static Path commits;

  /** Starts the server and copies the samples; returns the inputs' directory. */
  static Path startServerWithSamples() throws Exception {
    server = S3MockServer.startForTests(tmp);
    aws = server.awsArgs();
    Path in = Files.createDirectories(tmp.resolve("in"));
    snapshot = Files.copy(sample("cluster-state.json"), in.resolve("cluster-state.json"));
    commits = Files.copy(sample("commits.jsonl"), in.resolve("commits.jsonl"));
    local = tmp.resolve("local");
    return in;
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) server.close();
    server = null;
  }
}
