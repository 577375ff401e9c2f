package io.logdex.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Whole files to and from any location Beam's FileSystems reach (s3://, gs://, hdfs://, local):
 * a worker writes on its own disk with java.nio, then publishes the finished file here, and a
 * merge fetches the runs it reads. An object appears whole or not at all (S3's PUT, and Beam's S3
 * file system completes a multipart upload only on close), so no temporary name is needed.
 */
public final class ObjectFiles {
  private ObjectFiles() {}

  /**
   * A transfer that failed, named by its object: the store's own message (a missing bucket, a
   * refused credential) says what, and the build's error must say where.
   */
  public static final class TransferException extends IOException {
    private static final long serialVersionUID = 1L;

    TransferException(String what, String url, Exception cause) {
      super(what + " " + url + ": " + firstLine(cause.getMessage()), cause);
    }

    private static String firstLine(String s) {
      if (s == null || s.isBlank()) return "failed";
      int nl = s.indexOf('\n');
      return nl < 0 ? s : s.substring(0, nl);
    }
  }

  /** Copies a finished local file to url, then deletes the local copy (a worker's disk stays small). */
  public static void publish(Path local, String url) throws IOException {
    try (OutputStream out = Channels.newOutputStream(
        FileSystems.create(FileSystems.matchNewResource(url, false), "application/octet-stream"))) {
      Files.copy(local, out);
    } catch (IOException | RuntimeException e) {
      throw new TransferException("writing", url, e);
    }
    Files.delete(local);
  }

  /** Writes bytes as the whole object at url. */
  public static void write(byte[] bytes, String url) throws IOException {
    try (OutputStream out = Channels.newOutputStream(
        FileSystems.create(FileSystems.matchNewResource(url, false), "application/octet-stream"))) {
      out.write(bytes);
    } catch (IOException | RuntimeException e) {
      throw new TransferException("writing", url, e);
    }
  }

  /** Downloads url to local (replaced if present), through a temporary name beside it. */
  public static void fetch(String url, Path local) throws IOException {
    Path temp = local.resolveSibling(local.getFileName() + ".fetching");
    try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(url, false)))) {
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw new TransferException("reading", url, e);
    }
    Files.move(temp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The whole object at url; for small ones (a manifest). */
  public static byte[] read(String url) throws IOException {
    try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(url, false)))) {
      return in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      throw new TransferException("reading", url, e);
    }
  }

  /**
   * Deletes every file under the directory dirUrl (which must end in {@code /}). The caller names
   * only directories the build created itself under a name of its own (a scratch directory).
   */
  public static void deleteUnder(String dirUrl) throws IOException {
    if (!dirUrl.endsWith("/")) throw new IllegalArgumentException("not a directory: " + dirUrl);
    if (LocalOutput.schemeOf(dirUrl) == null || dirUrl.startsWith("file:")) {
      Generations.deleteTree(Path.of(dirUrl.startsWith("file:") ? java.net.URI.create(dirUrl).getPath() : dirUrl));
      return;
    }
    MatchResult r = FileSystems.match(dirUrl + "**", EmptyMatchTreatment.ALLOW);
    if (r.status() == MatchResult.Status.NOT_FOUND) return;
    List<ResourceId> files = new ArrayList<>();
    for (MatchResult.Metadata m : r.metadata()) files.add(m.resourceId());
    FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
