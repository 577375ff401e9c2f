package io.logdex.cli;

import io.logdex.pipelines.store.Locations;
import io.logdex.pipelines.store.ObjectStores;
import io.logdex.pipelines.store.RemoteFileSystem;
import io.logdex.pipelines.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --index=DIR} of the query commands: a local path, or a URL (s3://...) read through
 * Beam FileSystems with ranged reads, never a URL read as a local path.
 */
final class IndexDirectory {
  private IndexDirectory() {}

  static Path of(Args a) throws UsageException {
    return path(a.require("index"), a);
  }

  /** A local path, or a URL whose file system is checked and registered first (exit 2 if it cannot be). */
  static Path path(String value, Args a) throws UsageException {
    if (Locations.schemeOf(value) == null) return Path.of(value);
    return remote(value, a);
  }

  /** In a method of its own, so a local path loads none of the object-store classes. */
  private static Path remote(String value, Args a) {
    List<String> aws = new ArrayList<>();
    for (String name : Locations.OPTION_NAMES) {
      String v = a.get(name, null);
      if (v != null) aws.add("--" + name + "=" + v);
    }
    try {
      ObjectStores.configure(value, ObjectStores.options(aws));
    } catch (StoreException e) {
      throw new UsageException(e.getMessage());
    }
    return RemoteFileSystem.path(value);
  }
}
