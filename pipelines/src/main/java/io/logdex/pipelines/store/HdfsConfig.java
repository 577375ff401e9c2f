package io.logdex.pipelines.store;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The Hadoop configuration an {@code hdfs://} location is reached with: Beam's {@code
 * --hdfsConfiguration} (a JSON list of one map, e.g. {@code [{"fs.defaultFS":
 * "hdfs://namenode:8020"}]}), else core-site.xml and hdfs-site.xml in HADOOP_CONF_DIR or
 * YARN_CONF_DIR, as Beam's {@link HadoopFileSystemOptions} finds them. Beam registers its Hadoop
 * file system for the scheme of {@code fs.defaultFS} (and hdfs:// with {@code dfs.nameservices}),
 * so without such a configuration hdfs:// would fail mid-build; it is checked before any work.
 * Only this class and {@link HdfsOutput} touch Hadoop's classes, so other locations load none.
 */
final class HdfsConfig {
  private HdfsConfig() {}

  /** Checks that location can be reached with these options and registers Beam's Hadoop file system. */
  static void configure(String location, PipelineOptions options) {
    of(location, options);
    FileSystems.setDefaultPipelineOptions(options);
  }

  /** The one Hadoop configuration of these options, checked to serve location's scheme. */
  static Configuration of(String location, PipelineOptions options) {
    List<Configuration> all = options.as(HadoopFileSystemOptions.class).getHdfsConfiguration();
    if (all == null || all.isEmpty()) {
      throw new StoreException(location + ": no Hadoop configuration: give --hdfsConfiguration='[{\"fs.defaultFS\":"
          + "\"hdfs://NAMENODE:PORT\"}]' or set HADOOP_CONF_DIR to a directory holding core-site.xml");
    }
    if (all.size() > 1) {
      throw new StoreException(location + ": " + all.size() + " Hadoop configurations (--hdfsConfiguration, or both"
          + " HADOOP_CONF_DIR and YARN_CONF_DIR); Beam takes one");
    }
    Configuration conf = all.get(0);
    String defaultFs = conf.get(FileSystem.FS_DEFAULT_NAME_KEY);
    String scheme = defaultFs == null ? null : URI.create(defaultFs).getScheme();
    boolean nameServices = conf.get("dfs.nameservices", "").length() > 0;
    if (!"hdfs".equals(scheme) && !nameServices) {
      throw new StoreException(location + ": the Hadoop configuration's fs.defaultFS is "
          + (defaultFs == null ? "not set" : "'" + defaultFs + "'") + "; hdfs:// needs it to name the NameNode"
          + " (hdfs://NAMENODE:PORT) or dfs.nameservices to be set");
    }
    return conf;
  }

  /** The Hadoop file system of url (Hadoop caches it per NameNode; it is never closed here). */
  static FileSystem fileSystem(String url, PipelineOptions options) throws IOException {
    return new Path(URI.create(url)).getFileSystem(of(url, options));
  }

  /**
   * Deletes the directory dirUrl and everything under it. Beam's FileSystems delete files one by
   * one and leave HDFS's directories behind; the caller names only a directory the build made
   * under a name of its own (a scratch directory).
   */
  static void deleteTree(String dirUrl, PipelineOptions options) throws IOException {
    fileSystem(dirUrl, options).delete(new Path(URI.create(dirUrl)), true);
  }

  /** Deletes the directory dirUrl unless something is in it (another build's scratch). */
  static void deleteIfEmpty(String dirUrl, PipelineOptions options) throws IOException {
    FileSystem fs = fileSystem(dirUrl, options);
    Path dir = new Path(URI.create(dirUrl));
    try {
      if (fs.listStatus(dir).length == 0) fs.delete(dir, false);
    } catch (java.io.FileNotFoundException e) {
      // already gone
    }
  }
}
