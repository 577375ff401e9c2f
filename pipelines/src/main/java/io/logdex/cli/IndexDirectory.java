package io.logdex.cli;

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
    if (ObjectStores.schemeOf(value) == null) return Path.of(value);
    List<String> aws = new ArrayList<>();
    for (String name : ObjectStores.OPTION_NAMES) {
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
