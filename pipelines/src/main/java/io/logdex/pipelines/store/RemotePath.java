package io.logdex.pipelines.store;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path in an object store ({@code s3://bucket/idx/manifest.json}), so the readers, which take
 * {@link Path}s, read an index there unchanged. Absolute paths carry the bucket URL as their root;
 * relative ones (what {@link #getFileName} and {@link #relativize} give) have none.
 */
final class RemotePath implements Path {
  private final RemoteFileSystem fs;
  private final String root;
  private final List<String> names;

  RemotePath(RemoteFileSystem fs, String root, List<String> names) {
    this.fs = fs;
    this.root = root;
    this.names = List.copyOf(names);
  }

  /** Parses {@code s3://bucket/a/b} (absolute) or {@code a/b} (relative). */
  static RemotePath parse(RemoteFileSystem fs, String s) {
    String root = null;
    String rest = s;
    int i = s.indexOf("://");
    if (i > 0) {
      int slash = s.indexOf('/', i + 3);
      root = slash < 0 ? s : s.substring(0, slash);
      rest = slash < 0 ? "" : s.substring(slash + 1);
    }
    List<String> names = new ArrayList<>();
    for (String n : rest.split("/")) if (!n.isEmpty() && !n.equals(".")) names.add(n);
    return new RemotePath(fs, root, names);
  }

  /** The object key: the names joined by slashes. */
  String key() {
    return String.join("/", names);
  }

  @Override public FileSystem getFileSystem() { return fs; }
  @Override public boolean isAbsolute() { return root != null; }
  @Override public Path getRoot() { return root == null ? null : new RemotePath(fs, root, List.of()); }

  @Override
  public Path getFileName() {
    return names.isEmpty() ? null : new RemotePath(fs, null, List.of(names.get(names.size() - 1)));
  }

  @Override
  public Path getParent() {
    if (names.isEmpty()) return null;
    if (names.size() == 1 && root == null) return null;
    return new RemotePath(fs, root, names.subList(0, names.size() - 1));
  }

  @Override public int getNameCount() { return names.size(); }
  @Override public Path getName(int index) { return new RemotePath(fs, null, List.of(names.get(index))); }
  @Override public Path subpath(int begin, int end) { return new RemotePath(fs, null, names.subList(begin, end)); }

  @Override
  public boolean startsWith(Path other) {
    if (!(other instanceof RemotePath o)) return false;
    return java.util.Objects.equals(root, o.root) && names.size() >= o.names.size()
        && names.subList(0, o.names.size()).equals(o.names);
  }

  @Override
  public boolean endsWith(Path other) {
    if (!(other instanceof RemotePath o)) return false;
    if (o.root != null) return equals(o);
    return names.size() >= o.names.size() && names.subList(names.size() - o.names.size(), names.size()).equals(o.names);
  }

  @Override
  public Path normalize() {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (n.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) out.remove(out.size() - 1);
      else out.add(n);
    }
    return new RemotePath(fs, root, out);
  }

  @Override
  public Path resolve(Path other) {
    RemotePath o = (RemotePath) other;
    if (o.root != null) return o;
    List<String> all = new ArrayList<>(names);
    all.addAll(o.names);
    return new RemotePath(fs, root, all);
  }

  @Override
  public Path resolve(String other) {
    return resolve(parse(fs, other));
  }

  @Override
  public Path relativize(Path other) {
    RemotePath o = (RemotePath) other;
    if (!o.startsWith(this)) throw new IllegalArgumentException(other + " is not under " + this);
    return new RemotePath(fs, null, o.names.subList(names.size(), o.names.size()));
  }

  @Override public URI toUri() { return URI.create(toString()); }
  @Override public Path toAbsolutePath() { if (root == null) throw new IllegalStateException("relative " + this); return this; }
  @Override public Path toRealPath(LinkOption... options) { return toAbsolutePath(); }

  @Override
  public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
    throw new UnsupportedOperationException("watching " + this);
  }

  @Override
  public int compareTo(Path other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RemotePath p && p.fs == fs && java.util.Objects.equals(root, p.root) && names.equals(p.names);
  }

  @Override public int hashCode() { return toString().hashCode(); }

  @Override
  public String toString() {
    if (root == null) return key();
    return names.isEmpty() ? root + "/" : root + "/" + key();
  }

  @Override
  public java.util.Iterator<Path> iterator() {
    List<Path> l = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) l.add(getName(i));
    return l.iterator();
  }

  static List<String> split(String s) {
    return Arrays.asList(s.split("/"));
  }
}
