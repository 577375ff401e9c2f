package io.logdex.pipelines.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Set;

/**
 * A read-only java.nio view of an object store through Beam {@code FileSystems}: what lets the
 * query commands, whose readers take {@link Path}s, read {@code --index=s3://...}.
 */
public final class RemoteFileSystem extends FileSystem {
  private final RemoteFileSystemProvider provider;

  private RemoteFileSystem(String scheme) {
    this.provider = new RemoteFileSystemProvider(scheme, this);
  }

  /** The path of a URL whose scheme {@link ObjectStores#configure} has registered. */
  public static Path path(String url) {
    return RemotePath.parse(new RemoteFileSystem(ObjectStores.schemeOf(url)), stripSlash(url));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Ranged GETs and fetched pages of this process so far (reported by {@code LOGDEX_DEBUG}). */
  public static String readCounts() {
    return RangeReadChannel.rangeReads() + " range reads, " + RangeReadChannel.pageReads() + " pages of "
        + (RangeReadChannel.PAGE_BYTES >> 10) + " KiB";
  }

  public static long rangeReads() {
    return RangeReadChannel.rangeReads();
  }

  /** Empties the page cache, so the next reads are cold (measurements). */
  public static void clearCache() {
    RangeReadChannel.clearCache();
  }

  @Override public FileSystemProvider provider() { return provider; }
  @Override public void close() throws IOException {}
  @Override public boolean isOpen() { return true; }
  @Override public boolean isReadOnly() { return true; }
  @Override public String getSeparator() { return "/"; }
  @Override public Iterable<Path> getRootDirectories() { return List.of(); }
  @Override public Iterable<FileStore> getFileStores() { return List.of(); }
  @Override public Set<String> supportedFileAttributeViews() { return Set.of("basic"); }

  @Override
  public Path getPath(String first, String... more) {
    StringBuilder s = new StringBuilder(first);
    for (String m : more) s.append('/').append(m);
    return RemotePath.parse(this, s.toString());
  }

  @Override public PathMatcher getPathMatcher(String syntaxAndPattern) { throw new UnsupportedOperationException(); }
  @Override public UserPrincipalLookupService getUserPrincipalLookupService() { throw new UnsupportedOperationException(); }
  @Override public WatchService newWatchService() { throw new UnsupportedOperationException(); }
}
