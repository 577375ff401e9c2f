package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildLockTest {
  @TempDir Path dir;

  @Test
  void oneJvmSharesTheLockAndReleasesItWithTheLastHolder() throws Exception {
    BuildLock a = BuildLock.acquire(dir);
    BuildLock b = BuildLock.acquire(dir.resolve("."));
    a.close();
    a.close();
    assertTrue(lockedByUs(), "b still holds it");
    b.close();
    assertTrue(!lockedByUs(), "released with the last holder");
    assertEquals(0, Files.size(dir.resolve(BuildLock.FILE)), "the lock file stays empty: outputs stay byte-identical");
  }

  /**
   * A build planned while another process holds the lock fails before it touches anything: in
   * particular it does not delete that build's unfinished generation as stray.
   */
  @Test
  void aBuildRefusesToStartWhileAnotherProcessHoldsTheOutput() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("g000007/index"));
    Files.writeString(out.resolve("g000007/index/p00000.dict"), "being written by the other build");
    PendingBuild.none().building("g000007", ".manifest.json.other.tmp", null).write(out);
    Process other = holdLockInAnotherProcess(out.resolve(BuildLock.FILE));
    try {
      BuildConfig config = BuildConfig.of(List.of(Builds.sample("commits.jsonl").toString()), out.toString());
      Pipeline p = Pipeline.create(Builds.direct(1));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.apply(BuildIndex.of(config)));
      assertTrue(e.getMessage().contains("another build is running in " + out.toAbsolutePath()), e.getMessage());
      assertTrue(Files.exists(out.resolve("g000007/index/p00000.dict")), "the other build's files are intact");
    } finally {
      other.destroy();
      other.waitFor(10, TimeUnit.SECONDS);
    }
    Builds.run(BuildConfig.of(List.of(Builds.sample("commits.jsonl").toString()), out.toString()), Builds.direct(1));
    assertEquals("g000001", BuildManifest.currentGeneration(out), "builds again once the holder is gone");
    assertFalse(Files.exists(out.resolve("g000007")), "the dead build's generation, named by its pending manifest, is removed");
  }

  /** Whether a POSIX lock on the file would conflict, asked from another process. */
  private boolean lockedByUs() throws Exception {
    Process p = new ProcessBuilder("python3", "-c",
        "import fcntl,sys\n"
            + "f=open(sys.argv[1],'a+')\n"
            + "try:\n fcntl.lockf(f, fcntl.LOCK_EX|fcntl.LOCK_NB); print('free')\n"
            + "except OSError: print('locked')\n",
        dir.resolve(BuildLock.FILE).toString()).redirectErrorStream(true).start();
    String line = firstLine(p);
    p.waitFor(10, TimeUnit.SECONDS);
    return "locked".equals(line);
  }

  /** Java's FileLock is an fcntl lock on Linux, so python's lockf conflicts with it. */
  private static Process holdLockInAnotherProcess(Path file) throws IOException {
    Process p = new ProcessBuilder("python3", "-c",
        "import fcntl,sys,time\n"
            + "f=open(sys.argv[1],'a+')\n"
            + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
            + "print('locked', flush=True)\n"
            + "time.sleep(60)\n",
        file.toString()).redirectErrorStream(true).start();
    assertEquals("locked", firstLine(p));
    return p;
  }

  private static String firstLine(Process p) throws IOException {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
  }
}
