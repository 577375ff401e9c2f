package io.logdex.pipelines.store;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The provider behind {@link RemoteFileSystem}: sizes and listings from Beam's {@code match},
 * reads through {@link RangeReadChannel}. A "directory" is a prefix that some object lies under
 * (on HDFS, a directory with something in it).
 */
final class RemoteFileSystemProvider extends FileSystemProvider {
  private final String scheme;
  private final RemoteFileSystem fs;

  RemoteFileSystemProvider(String scheme, RemoteFileSystem fs) {
    this.scheme = scheme;
    this.fs = fs;
  }

  @Override public String getScheme() { return scheme; }
  @Override public FileSystem newFileSystem(URI uri, Map<String, ?> env) { return fs; }
  @Override public FileSystem getFileSystem(URI uri) { return fs; }
  @Override public Path getPath(URI uri) { return fs.getPath(uri.toString()); }

  /** The object's metadata, or null when no object (no file) has that exact name. */
  private static MatchResult.Metadata object(Path path) throws IOException {
    List<MatchResult.Metadata> m = match(path.toString());
    if (m.isEmpty()) return null;
    // HDFS has directories, and Beam's Hadoop file system matches one as an entry of size 0 that
    // says nothing else; a file has no children.
    if (m.get(0).sizeBytes() == 0 && !children(path).isEmpty()) return null;
    return m.get(0);
  }

  private static List<MatchResult.Metadata> children(Path dir) throws IOException {
    return match(dir.toString() + "/*");
  }

  /**
   * What spec matches, none when nothing does. A store that could not answer (a NameNode or
   * endpoint not listening) is an error naming spec and the store's reason, never "no such file".
   */
  private static List<MatchResult.Metadata> match(String spec) throws IOException {
    MatchResult r = FileSystems.match(List.of(spec)).get(0);
    if (r.status() == MatchResult.Status.NOT_FOUND) return List.of();
    try {
      return r.metadata();
    } catch (IOException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) root = root.getCause();
      throw new FileSystemException(spec, null, "cannot read the store (" + root.getMessage() + ")");
    }
  }

  @Override
  public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    for (OpenOption o : options) {
      if (o != StandardOpenOption.READ) throw new ReadOnlyFileSystemException();
    }
    MatchResult.Metadata m = object(path);
    if (m == null) throw new NoSuchFileException(path.toString());
    return new RangeReadChannel(m.resourceId(), m.sizeBytes(), m.lastModifiedMillis());
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    return newFileChannel(path, options, attrs);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
      throws IOException {
    List<Path> out = new ArrayList<>();
    for (MatchResult.Metadata m : children(dir)) {
      Path p = dir.resolve(m.resourceId().getFilename());
      if (filter.accept(p)) out.add(p);
    }
    return new DirectoryStream<>() {
      @Override public java.util.Iterator<Path> iterator() { return out.iterator(); }
      @Override public void close() {}
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
      throws IOException {
    if (type != BasicFileAttributes.class) throw new UnsupportedOperationException(type.getSimpleName());
    MatchResult.Metadata m = object(path);
    if (m != null) return (A) new Attributes(false, m.sizeBytes(), m.lastModifiedMillis());
    if (!children(path).isEmpty()) return (A) new Attributes(true, 0, 0);
    throw new NoSuchFileException(path.toString());
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    BasicFileAttributes a = readAttributes(path, BasicFileAttributes.class, options);
    return Map.of("size", a.size(), "isDirectory", a.isDirectory(), "isRegularFile", a.isRegularFile());
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    for (AccessMode m : modes) if (m != AccessMode.READ) throw new ReadOnlyFileSystemException();
    readAttributes(path, BasicFileAttributes.class);
  }

  @Override public void createDirectory(Path dir, FileAttribute<?>... attrs) { throw new ReadOnlyFileSystemException(); }
  @Override public void delete(Path path) { throw new ReadOnlyFileSystemException(); }
  @Override public void copy(Path source, Path target, CopyOption... options) { throw new ReadOnlyFileSystemException(); }
  @Override public void move(Path source, Path target, CopyOption... options) { throw new ReadOnlyFileSystemException(); }
  @Override public boolean isSameFile(Path a, Path b) { return a.equals(b); }
  @Override public boolean isHidden(Path path) { return false; }
  @Override public FileStore getFileStore(Path path) { throw new UnsupportedOperationException(); }
  @Override public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) { return null; }
  @Override public void setAttribute(Path path, String attribute, Object value, LinkOption... options) { throw new ReadOnlyFileSystemException(); }

  private record Attributes(boolean dir, long size, long modified) implements BasicFileAttributes {
    @Override public FileTime lastModifiedTime() { return FileTime.fromMillis(modified); }
    @Override public FileTime lastAccessTime() { return lastModifiedTime(); }
    @Override public FileTime creationTime() { return lastModifiedTime(); }
    @Override public boolean isRegularFile() { return !dir; }
    @Override public boolean isDirectory() { return dir; }
    @Override public boolean isSymbolicLink() { return false; }
    @Override public boolean isOther() { return false; }
    @Override public Object fileKey() { return null; }
  }
}
