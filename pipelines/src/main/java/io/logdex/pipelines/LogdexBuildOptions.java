package io.logdex.pipelines;

import io.logdex.transforms.BundleOptions;
import io.logdex.transforms.ObjectOutputOptions;
import io.logdex.transforms.PlanOptions;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** The options of {@code logdex build}, as Beam pipeline options (so any runner takes them). */
public interface LogdexBuildOptions extends BundleOptions, PlanOptions, ObjectOutputOptions {
  @Description("Snapshot files, GLOB[@COMMIT]; comma-separated for several")
  List<String> getSnapshots();

  void setSnapshots(List<String> value);

  @Description("Op-log files (s3dlio TSV/CSV/JSONL, LogEntry JSONL, any JSONL/TSV); comma-separated globs")
  List<String> getOplogs();

  void setOplogs(List<String> value);

  @Description("Output directory: manifest.json and one generation directory gNNNNNN")
  String getOutput();

  void setOutput(String value);

  @Description("Bytes per chunk, the unit of work and of output files (part of the layout)")
  @Default.Long(64L << 20)
  Long getChunkBytes();

  void setChunkBytes(Long value);

  @Description("Snapshots are indexed by their largest nodes of at most this many bytes")
  @Default.Long(64L << 10)
  Long getMaxSubDocumentBytes();

  void setMaxSubDocumentBytes(Long value);

  @Description("Term partitions; 0 for one per 64 MiB of input (at least 2 from 16 MiB), between 1 and 256")
  @Default.Integer(0)
  Integer getPartitions();

  void setPartitions(Integer value);

  @Description("Memory a chunk's index builder may hold before it spills sorted runs")
  @Default.Long(64L << 20)
  Long getSpillBudgetBytes();

  void setSpillBudgetBytes(Long value);

  @Description("Runs one merge pass reads at once (each holds one 16 KiB page and an open file)")
  @Default.Integer(256)
  Integer getMergeFanIn();

  void setMergeFanIn(Integer value);

  @Description("fail: the first bad record fails the job, naming file and offset; skip: dead letters")
  @Default.String("skip")
  String getBadRecords();

  void setBadRecords(String value);

  @Description("The build fails, committing nothing, when more records than this are bad in all;"
      + " -1 (default) for no limit on the count")
  @Default.Long(-1)
  Long getMaxBadRecords();

  void setMaxBadRecords(Long value);

  @Description("The build fails, committing nothing, when more than this fraction of one input's"
      + " records are bad (default 0.01). A snapshot that does not parse, or an input with no record,"
      + " always fails it")
  @Default.Double(0.01)
  Double getMaxBadRecordsFraction();

  void setMaxBadRecordsFraction(Double value);

  @Description("Syntax of the JSON/Tony inputs: auto (strict RFC 8259 JSON, but Tony wire for files named"
      + " .tony, also under .zst/.gz), json (strict, whatever the name) or tony; TSV/CSV op-logs are read by name")
  @Default.String("auto")
  String getFormat();

  void setFormat(String value);

  @Description("zstd (default: zstd seekable format, 64 KiB frames; positions stay uncompressed offsets) or none")
  @Default.String("zstd")
  String getLogCompression();

  void setLogCompression(String value);

  @Description("Write the job's phase timings (the launcher's planning time, the job's run time, and per"
      + " phase the CPU and wall milliseconds of each chunk, partition merge and the commit, from Beam"
      + " Metrics) to this local JSON file when the job ends; benchmarks/e2e/phase-profile.sh reads it")
  String getPhaseReport();

  void setPhaseReport(String value);
}
