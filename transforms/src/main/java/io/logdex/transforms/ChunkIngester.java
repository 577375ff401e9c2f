package io.logdex.transforms;

import io.logdex.format.FormatException;
import io.logdex.format.encode.Encoder;
import io.logdex.format.index.DocRecord;
import io.logdex.format.index.RunDescriptor;
import io.logdex.format.index.ShardBuilder;
import io.logdex.format.history.DiffKind;
import io.logdex.format.log.EntryLogs;
import io.logdex.format.log.LogCursor;
import io.logdex.format.log.LogEntry;
import io.logdex.format.log.LogEntryCodec;
import io.logdex.format.log.LogReader;
import io.logdex.format.log.LogWriter;
import io.logdex.io.oplog.BadRecord;
import io.logdex.io.oplog.BadRecordPolicy;
import io.logdex.io.oplog.OpLogItem;
import io.logdex.io.oplog.OpLogRecord;
import io.logdex.io.oplog.S3dlioRow;
import io.logdex.io.snapshot.SnapshotDeadLetter;
import io.logdex.io.snapshot.SnapshotIO;
import io.logdex.io.snapshot.SnapshotItem;
import io.logdex.io.snapshot.SnapshotRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Ingests one chunk: reads its records, writes them as log entries to {@code
 * logs/<input>-<chunk>.log}, indexes every entry into a {@link ShardBuilder} (which spills sorted
 * runs within the memory budget) and writes bad records to {@code dead-letter/<input>-<chunk>.jsonl}.
 * Memory is one record, the pending same-commit entry and the builder's budget.
 *
 * <p>Every file goes through an attempt-private name and an atomic rename, and run files carry the
 * attempt in their name, so a retried chunk neither collides with nor half-overwrites another
 * attempt; the final names and bytes depend only on the chunk. For an object-store output the
 * same files are written in the worker's own stage and each is published when finished: logs and
 * dead letters to the generation, runs to the build's scratch prefix ({@link ObjectStoreTarget}).
 */
final class ChunkIngester {
  /**
   * Records between progress updates, or fewer when they hold {@link #PROGRESS_BYTES}: a snapshot's
   * 1024 sub-documents may be a whole 64 MiB chunk, and the launcher's line should move within one.
   */
  private static final int PROGRESS_EVERY = 1024;
  private static final long PROGRESS_BYTES = 1 << 20;
  private static final long ORDINAL_LIMIT = 1L << 40;

  private final BuildPlan plan;
  private final ChunkTask task;
  private final String attempt = UUID.randomUUID().toString().substring(0, 8);

  private ShardBuilder shard;
  private LogWriter log;
  private DeadLetterWriter deadLetters;
  private long ordinal;
  private long inputRecords;
  private long decodedBytes;
  private long bad;
  private long skipped;
  private long maxCommit = Long.MIN_VALUE;
  private LogEntry pending;
  private DiffKind pendingKind; // null: the pending entry does not merge
  private final S3dlioRowEntries rows = new S3dlioRowEntries();
  private final LiveProgress live;

  ChunkIngester(BuildPlan plan, ChunkTask task) {
    this.plan = plan;
    this.task = task;
    this.live = LiveProgress.of(plan);
  }

  /** What the chunk produced: its runs (to merge) and its summary (for the manifest). */
  record Result(List<RunDescriptor> runs, ChunkSummary summary) {}

  /** Ingests the chunk; plan, for an object-store output, a copy in a stage of this work's own ({@link BuildPlan#inOwnStage}). */
  Result run(PipelineOptions options) throws IOException {
    shard = new ShardBuilder(plan.runsDir(), "c" + task.id() + "-" + attempt,
        plan.config().indexOptions(plan.partitions()), plan.config().buildOptions());
    try {
      switch (task.kind()) {
        case OPLOG:
          return ingestOpLog(options);
        case SNAPSHOT:
          return ingestSnapshot(options);
        default:
          return reindexLog();
      }
    } finally {
      BuildMetrics.entries.inc(unreportedEntries); // the rest: entries come after progressDone too
      unreportedEntries = 0;
      shard.close();
      if (log != null) log.abort(); // no-op once closed
      if (deadLetters != null) deadLetters.close(); // no-op once committed
    }
  }

  // ---- op-log chunks ----

  private Result ingestOpLog(PipelineOptions options) throws IOException {
    Path logTemp = plan.attemptFile(plan.logsDir().resolve(task.stem() + ".log"), attempt);
    log = LogWriter.create(logTemp, plan.config().logWriterOptions());
    try (BoundedSource.BoundedReader<OpLogItem> reader = S3dlioRow.reader(task.source, options)) {
      for (boolean more = reader.start(); more; more = reader.advance()) {
        OpLogItem item = reader.getCurrent();
        inputRecords++;
        decodedBytes += item.length();
        if (item.isBad()) {
          deadLetter(item.bad());
        } else if (item.s3dlioRow() != null) {
          acceptRow(item);
        } else {
          accept(item.record());
        }
        progress(reader, item.length());
      }
    }
    progressDone();
    if (pending != null) write(pending);
    pending = null;

    String logName = null;
    long logBytes = 0;
    long logCrc = -1;
    if (ordinal > 0) {
      log.close();
      Path target = plan.logsDir().resolve(task.stem() + ".log");
      Files.move(logTemp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      logName = BuildPlan.LOGS_DIR + "/" + target.getFileName();
      logBytes = Files.size(target);
      logCrc = InputChecksums.ofLocal(target);
      published(target, logName);
    } else {
      log.abort();
    }
    String dlName = null;
    long dlBytes = 0;
    if (deadLetters != null) {
      dlBytes = deadLetters.commit();
      dlName = BuildPlan.DEAD_LETTER_DIR + "/" + task.stem() + ".jsonl";
      published(plan.generationDir().resolve(dlName), dlName);
    }
    List<RunDescriptor> runs = spilled(shard.finish());
    return new Result(runs, new ChunkSummary(
        task.id(), task.input(), task.chunk(), ChunkSummary.OPLOG, inputRecords, ordinal, bad, skipped,
        maxCommit, task.estimatedBytes(), decodedBytes, logName, logBytes, logCrc, dlName, dlBytes));
  }

  private long reportedBytes;
  private long unreportedRecords;
  private long unreportedItemBytes;
  /**
   * Entries counted since the last report. A Beam counter's inc looks up the bundle's metrics
   * container on every call: per record that was 1.3% of a 5M-record build's CPU.
   */
  private long unreportedEntries;

  /**
   * Every PROGRESS_EVERY records or PROGRESS_BYTES of them: records read, and stored bytes consumed
   * by the reader's fraction (so compressed inputs count what was read of the file).
   */
  private void progress(BoundedSource.BoundedReader<?> reader, long itemBytes) {
    unreportedRecords++;
    unreportedItemBytes += itemBytes;
    if (unreportedRecords < PROGRESS_EVERY && unreportedItemBytes < PROGRESS_BYTES) return;
    BuildMetrics.records.inc(unreportedRecords);
    BuildMetrics.entries.inc(unreportedEntries);
    live.records.addAndGet(unreportedRecords);
    unreportedRecords = 0;
    unreportedEntries = 0;
    unreportedItemBytes = 0;
    Double f = reader.getFractionConsumed();
    if (f == null) return;
    long now = Math.min(task.estimatedBytes(), (long) (f * task.estimatedBytes()));
    if (now > reportedBytes) {
      BuildMetrics.bytesRead.inc(now - reportedBytes);
      live.bytesRead.addAndGet(now - reportedBytes);
      reportedBytes = now;
    }
  }

  private void progressDone() {
    BuildMetrics.records.inc(unreportedRecords);
    BuildMetrics.bytesRead.inc(Math.max(0, task.estimatedBytes() - reportedBytes));
    live.records.addAndGet(unreportedRecords);
    live.bytesRead.addAndGet(Math.max(0, task.estimatedBytes() - reportedBytes));
  }

  // ---- snapshot chunks ----

  /**
   * Indexes a snapshot range where it lies: every sub-document and container record is a document
   * whose record is its (offset, length) in the snapshot; nothing is copied into a log.
   */
  private Result ingestSnapshot(PipelineOptions options) throws IOException {
    // The reader shows its tokens to onePass, so sub-documents are not tokenized a second time.
    SnapshotTokenTerms onePass = new SnapshotTokenTerms();
    try (BoundedSource.BoundedReader<SnapshotItem> reader =
        SnapshotIO.reader(task.snapshotSource, options, onePass)) {
      for (boolean more = reader.start(); more; more = reader.advance()) {
        SnapshotItem item = reader.getCurrent();
        inputRecords++;
        if (item.isDeadLetter()) {
          SnapshotDeadLetter d = item.deadLetter();
          if (plan.config().badRecords() == BadRecordPolicy.FAIL) throw d.toException();
          deadLetters().write(d);
          bad++;
          BuildMetrics.badRecords.inc();
          live.badRecords.incrementAndGet();
        } else {
          SnapshotRecord r = item.record();
          if (r.isSubDocument()) decodedBytes += r.length();
          long docId = nextDocId();
          int words = SnapshotTerms.index(shard, docId, r, task.commit, onePass);
          shard.addDocument(new DocRecord(docId, task.id(), r.offset(), r.length(), words,
              task.commit == Long.MIN_VALUE ? DocRecord.ABSENT : task.commit, DocRecord.ABSENT));
          unreportedEntries++;
        }
        progress(reader, item.isDeadLetter() ? 0 : item.record().length());
      }
    }
    progressDone();
    if (ordinal > 0 && task.commit != Long.MIN_VALUE) maxCommit = task.commit;
    String dlName = null;
    long dlBytes = 0;
    if (deadLetters != null) {
      dlBytes = deadLetters.commit();
      dlName = BuildPlan.DEAD_LETTER_DIR + "/" + task.stem() + ".jsonl";
      published(plan.generationDir().resolve(dlName), dlName);
    }
    return new Result(spilled(shard.finish()), new ChunkSummary(
        task.id(), task.input(), task.chunk(), ChunkSummary.SNAPSHOT, inputRecords, ordinal, bad, 0,
        maxCommit, task.estimatedBytes(), decodedBytes, null, 0, -1, dlName, dlBytes));
  }

  private DeadLetterWriter deadLetters() throws IOException {
    if (deadLetters == null) {
      Path target = plan.deadLetterDir().resolve(task.stem() + ".jsonl");
      deadLetters = new DeadLetterWriter(target, plan.attemptFile(target, attempt));
    }
    return deadLetters;
  }

  private long nextDocId() throws IOException {
    if (ordinal >= ORDINAL_LIMIT) {
      throw new IOException(task + " holds more than 2^40 documents; use a smaller --chunkBytes");
    }
    return ((long) task.id() << 40) | ordinal++;
  }

  // ---- op-log records ----

  private void accept(OpLogRecord r) throws IOException {
    LogEntry e;
    try {
      e = RecordEntries.toEntry(r, task.input());
    } catch (RecordEntries.Rejected x) {
      deadLetter(new BadRecord(r.file(), r.offset(), r.line(), r.length(), x.getMessage(), rawOf(r)));
      return;
    }
    if (plan.incremental()
        && plan.previousMaxCommit() != Long.MIN_VALUE
        && e.commit() <= plan.previousMaxCommit()) {
      skipped++;
      return;
    }
    DiffKind kind = r.kind() == OpLogRecord.Kind.LOG_ENTRY ? SameCommit.kindOf(r) : null;
    if (pending != null && pendingKind != null && pendingKind == kind && pending.commit() == e.commit()) {
      LogEntry merged = SameCommit.merge(pending, e, kind);
      if (merged != null) {
        pending = merged;
        return;
      }
    }
    if (pending != null) write(pending);
    pending = e;
    pendingKind = kind;
  }

  /**
   * An s3dlio row, encoded and indexed from its bytes ({@link S3dlioRowEntries}) exactly as {@link
   * #accept(OpLogRecord)} would its record: such an entry never merges (only LogEntry records do),
   * so it follows the pending entry at once.
   */
  private void acceptRow(OpLogItem item) throws IOException {
    if (!rows.encode(item.s3dlioRow())) {
      accept(item.record());
      return;
    }
    long commit = rows.commit();
    if (plan.incremental()
        && plan.previousMaxCommit() != Long.MIN_VALUE
        && commit <= plan.previousMaxCommit()) {
      skipped++;
      return;
    }
    if (pending != null) write(pending);
    pending = null;
    int length = rows.wireLength();
    long position = log.append(rows.wire(), 0, length);
    long docId = nextDocId();
    int words = rows.index(shard, docId);
    shard.addDocument(new DocRecord(docId, task.id(), position, length, words, commit, 0));
    maxCommit = Math.max(maxCommit, commit);
    unreportedEntries++;
  }

  private static byte[] rawOf(OpLogRecord r) {
    byte[] wire = Encoder.toWireString(r.fields()).getBytes(StandardCharsets.UTF_8);
    return wire.length > BadRecord.MAX_RAW_BYTES ? java.util.Arrays.copyOf(wire, BadRecord.MAX_RAW_BYTES) : wire;
  }

  private void deadLetter(BadRecord b) throws IOException {
    if (plan.config().badRecords() == BadRecordPolicy.FAIL) {
      throw new FormatException(b.reason(), b.file(), b.offset(), b.line(), -1, null);
    }
    deadLetters().write(b);
    bad++;
    BuildMetrics.badRecords.inc();
    live.badRecords.incrementAndGet();
  }

  private void write(LogEntry e) throws IOException {
    byte[] payload = LogEntryCodec.toWire(e);
    long position = log.append(payload);
    index(e, position, payload.length);
  }

  private void index(LogEntry e, long position, int payloadLength) throws IOException {
    long docId = nextDocId();
    int words = EntryTerms.index(shard, docId, e, position);
    shard.addDocument(new DocRecord(docId, task.id(), position, payloadLength, words, e.commit(), e.seq()));
    maxCommit = Math.max(maxCommit, e.commit());
    unreportedEntries++;
  }

  // ---- logs carried over from the previous generation ----

  private Result reindexLog() throws IOException {
    ChunkSummary old = task.carried;
    if (task.previousDeadLetters != null) {
      Path target = plan.generationDir().resolve(old.deadLetters());
      carry(task.previousDeadLetters, target);
      published(target, old.deadLetters());
    }
    if (task.previousLog != null) {
      Path target = plan.generationDir().resolve(old.log());
      carry(task.previousLog, target);
      try (LogReader reader = LogReader.open(target); LogCursor cursor = reader.cursor(0)) {
        while (cursor.next()) {
          byte[] payload = cursor.payload();
          index(EntryLogs.decode(payload, reader.source(), cursor.position()), cursor.position(), payload.length);
        }
      }
      if (ordinal != old.entries()) {
        throw new FormatException(
            "log holds " + ordinal + " entries, the previous manifest says " + old.entries(),
            target.toString(), -1);
      }
      published(target, old.log());
    }
    List<RunDescriptor> runs = spilled(shard.finish());
    return new Result(runs, old.withKind(ChunkSummary.CARRIED));
  }

  // ---- object-store outputs (plan.target() != null) ----

  /**
   * For an object-store output, publishes a finished file of the generation (rel: its path in the
   * generation) to its object and deletes the local copy; for a local output, leaves it in place.
   */
  private void published(Path file, String rel) throws IOException {
    if (plan.target() != null) ObjectFiles.publish(file, plan.target().fileUrl(plan.generation(), rel));
  }

  /**
   * For an object-store output, publishes the chunk's runs under the build's scratch prefix (the
   * worker that merges a partition fetches them from there) and names them by URL; run files carry
   * the attempt in their name, so a retried chunk's runs never overwrite another attempt's.
   */
  private List<RunDescriptor> spilled(List<RunDescriptor> runs) throws IOException {
    if (plan.target() == null) return runs;
    List<RunDescriptor> out = new java.util.ArrayList<>(runs.size());
    for (RunDescriptor r : runs) {
      Path local = Path.of(r.path());
      String url = plan.target().runUrl(local.getFileName().toString());
      ObjectFiles.publish(local, url);
      out.add(new RunDescriptor(r.kind(), r.partition(), url, r.entries(), r.bytes()));
    }
    return out;
  }

  /**
   * Puts a previous generation's file into this one: a hard link where the file system allows
   * (free, and the old generation is deleted after the commit anyway), else a copy; for an
   * object-store output, a download of the previous generation's object into the worker's stage.
   */
  private void carry(String from, Path to) throws IOException {
    Path temp = plan.attemptFile(to, attempt);
    if (plan.target() != null) {
      ObjectFiles.fetch(from, temp);
    } else {
      try {
        Files.createLink(temp, Path.of(from));
      } catch (UnsupportedOperationException | FileSystemException e) {
        Files.copy(Path.of(from), temp, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
