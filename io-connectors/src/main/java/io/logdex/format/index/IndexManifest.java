package io.logdex.format.index;

import io.logdex.format.FormatException;
import io.logdex.format.ManifestChecksum;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: which files make up the index, with their sizes and counts, the options
 * that shaped them, and the format version. Written last, atomically, so its presence means the
 * index is complete; its last member is a CRC-32C of every byte before that member's line. The
 * output is deterministic (no timestamps, fixed member order).
 */
public final class IndexManifest {
  public static final String FORMAT_NAME = "logdex-index";

  /** One file of the index. partition is -1 for the doc table; terms/postings only for dictionaries. */
  public record FileEntry(String name, String kind, int partition, long bytes, long terms, long postings) {}

  private final int formatVersion;
  private final int partitions;
  private final int topTerms;
  private final long docs;
  private final long terms;
  private final long postings;
  private final long totalWords;
  private final List<FileEntry> files;

  private IndexManifest(
      int formatVersion,
      int partitions,
      int topTerms,
      long docs,
      long terms,
      long postings,
      long totalWords,
      List<FileEntry> files) {
    this.formatVersion = formatVersion;
    this.partitions = partitions;
    this.topTerms = topTerms;
    this.docs = docs;
    this.terms = terms;
    this.postings = postings;
    this.totalWords = totalWords;
    this.files = Collections.unmodifiableList(files);
  }

  /** The manifest for a build; partitions must hold exactly one summary per partition. */
  public static IndexManifest of(
      IndexOptions options, DocTableSummary docTable, List<PartitionSummary> partitions, ColumnsSummary columns) {
    PartitionSummary[] byIndex = new PartitionSummary[options.partitions()];
    for (PartitionSummary p : partitions) {
      if (p.partition() < 0 || p.partition() >= byIndex.length || byIndex[p.partition()] != null) {
        throw new IllegalArgumentException("unexpected or repeated partition " + p.partition());
      }
      byIndex[p.partition()] = p;
    }
    List<FileEntry> files = new ArrayList<>();
    files.add(new FileEntry(IndexFormat.DOC_TABLE_FILE, "docs", -1, docTable.bytes(), 0, 0));
    files.add(new FileEntry(IndexFormat.DOC_LENGTHS_FILE, "lengths", -1, docTable.lengthsBytes(), 0, 0));
    files.add(new FileEntry(IndexFormat.COLUMNS_FILE, "columns", -1, columns.bytes(), 0, 0));
    long terms = 0;
    long postings = 0;
    for (int i = 0; i < byIndex.length; i++) {
      PartitionSummary p = byIndex[i];
      if (p == null) throw new IllegalArgumentException("missing partition " + i);
      files.add(new FileEntry(IndexFormat.dictFile(i), "dict", i, p.dictBytes(), p.terms(), p.postings()));
      files.add(new FileEntry(IndexFormat.postingsFile(i), "postings", i, p.postingsBytes(), 0, 0));
      files.add(new FileEntry(IndexFormat.payloadsFile(i), "payloads", i, p.payloadsBytes(), 0, 0));
      terms += p.terms();
      postings += p.postings();
    }
    return new IndexManifest(
        IndexFormat.VERSION,
        options.partitions(),
        options.topTerms(),
        docTable.docs(),
        terms,
        postings,
        docTable.totalWords(),
        files);
  }

  public int formatVersion() {
    return formatVersion;
  }

  public int partitions() {
    return partitions;
  }

  public int topTerms() {
    return topTerms;
  }

  public long docs() {
    return docs;
  }

  public long terms() {
    return terms;
  }

  public long postings() {
    return postings;
  }

  public long totalWords() {
    return totalWords;
  }

  public List<FileEntry> files() {
    return files;
  }

  public long totalBytes() {
    long b = 0;
    for (FileEntry f : files) b += f.bytes();
    return b;
  }

  public String toJson() {
    StringBuilder sb = new StringBuilder(256 + files.size() * 100);
    sb.append("{\n");
    sb.append("  \"format\": \"").append(FORMAT_NAME).append("\",\n");
    sb.append("  \"formatVersion\": ").append(formatVersion).append(",\n");
    sb.append("  \"partitions\": ").append(partitions).append(",\n");
    sb.append("  \"partitionHash\": \"murmur3_x86_32 seed 0, unsigned remainder\",\n");
    sb.append("  \"docs\": ").append(docs).append(",\n");
    sb.append("  \"terms\": ").append(terms).append(",\n");
    sb.append("  \"postings\": ").append(postings).append(",\n");
    sb.append("  \"totalWords\": ").append(totalWords).append(",\n");
    sb.append("  \"options\": {\"topTerms\": ").append(topTerms)
        .append(", \"pageBytes\": ").append(IndexFormat.PAGE_BYTES)
        .append(", \"blockDocs\": ").append(IndexFormat.BLOCK_DOCS)
        .append(", \"groupBlocks\": ").append(IndexFormat.GROUP_BLOCKS)
        .append(", \"dictBlockTerms\": ").append(IndexFormat.DICT_BLOCK_TERMS)
        .append(", \"indexPageEntries\": ").append(IndexFormat.INDEX_PAGE_ENTRIES)
        .append(", \"docBlockRecords\": ").append(IndexFormat.DOC_BLOCK_RECORDS)
        .append(", \"maxWordCodePoints\": ").append(Words.MAX_WORD_CODE_POINTS)
        .append(", \"maxFieldValueBytes\": ").append(Terms.MAX_FIELD_VALUE_BYTES)
        .append(", \"maxPathBytes\": ").append(IndexFormat.MAX_PATH_BYTES)
        .append(", \"snapshotPathSpan\": ").append(IndexFormat.snapshotPathSpan())
        .append("},\n");
    sb.append("  \"files\": [");
    for (int i = 0; i < files.size(); i++) {
      FileEntry f = files.get(i);
      sb.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ");
      ManifestJson.quote(sb, f.name());
      sb.append(", \"kind\": ");
      ManifestJson.quote(sb, f.kind());
      if (f.partition() >= 0) sb.append(", \"partition\": ").append(f.partition());
      sb.append(", \"bytes\": ").append(f.bytes());
      if (f.kind().equals("dict")) {
        sb.append(", \"terms\": ").append(f.terms()).append(", \"postings\": ").append(f.postings());
      }
      sb.append('}');
    }
    sb.append("\n  ],\n");
    return new String(ManifestChecksum.sealHead(sb.toString().getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
  }

  /** Writes manifest.json via a synced temporary file and an atomic rename. */
  public void writeTo(Path dir) throws IOException {
    StagedFile f = new StagedFile(dir, IndexFormat.MANIFEST_FILE);
    try {
      byte[] bytes = toJson().getBytes(StandardCharsets.UTF_8);
      Files.write(f.temp, bytes);
      try (FileChannel ch = FileChannel.open(f.temp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      f.commit();
    } catch (IOException | RuntimeException e) {
      f.abort();
      throw e;
    }
  }

  private static final long MAX_MANIFEST_BYTES = 64L << 20;

  public static IndexManifest read(Path dir) throws IOException {
    Path p = dir.resolve(IndexFormat.MANIFEST_FILE);
    String src = p.toString();
    long size = Files.size(p);
    if (size > MAX_MANIFEST_BYTES) throw new FormatException("manifest of " + size + " bytes is too large", src, 0);
    byte[] raw = ManifestChecksum.check(Files.readAllBytes(p), src);
    String text = new String(raw, StandardCharsets.UTF_8);
    Object parsed = ManifestJson.parse(text, src);
    if (!(parsed instanceof Map)) throw new FormatException("manifest is not a JSON object", src, 0);
    Map<?, ?> m = (Map<?, ?>) parsed;
    if (!FORMAT_NAME.equals(m.get("format"))) {
      throw new FormatException("not a " + FORMAT_NAME + " manifest (format is " + m.get("format") + ")", src, 0);
    }
    long version = num(m, "formatVersion", src);
    if (version != IndexFormat.VERSION) {
      throw new FormatException(
          "index format version " + version + " is not supported: this reader reads version " + IndexFormat.VERSION
              + (version < IndexFormat.VERSION ? " (an older logdex built it; build the inputs again into a new output)" : ""),
          src,
          text.indexOf("\"formatVersion\""));
    }
    long partitions = num(m, "partitions", src);
    if (partitions < 1 || partitions > 65536) throw new FormatException("partitions out of range: " + partitions, src, 0);
    Object opts = m.get("options");
    if (!(opts instanceof Map)) throw new FormatException("manifest has no options", src, 0);
    long top = num((Map<?, ?>) opts, "topTerms", src);
    Object fl = m.get("files");
    if (!(fl instanceof List)) throw new FormatException("manifest has no file list", src, 0);
    List<FileEntry> files = new ArrayList<>();
    for (Object o : (List<?>) fl) {
      if (!(o instanceof Map)) throw new FormatException("file entry is not an object", src, 0);
      Map<?, ?> f = (Map<?, ?>) o;
      Object name = f.get("name");
      Object kind = f.get("kind");
      if (!(name instanceof String) || !(kind instanceof String)) throw new FormatException("file entry without name or kind", src, 0);
      boolean dict = kind.equals("dict");
      files.add(
          new FileEntry(
              (String) name,
              (String) kind,
              f.containsKey("partition") ? (int) num(f, "partition", src) : -1,
              num(f, "bytes", src),
              dict ? num(f, "terms", src) : 0,
              dict ? num(f, "postings", src) : 0));
    }
    return new IndexManifest(
        (int) version,
        (int) partitions,
        (int) Math.min(Integer.MAX_VALUE, Math.max(0, top)),
        num(m, "docs", src),
        num(m, "terms", src),
        num(m, "postings", src),
        num(m, "totalWords", src),
        files);
  }

  private static long num(Map<?, ?> m, String key, String src) throws FormatException {
    Object v = m.get(key);
    if (!(v instanceof Long)) throw new FormatException("manifest member \"" + key + "\" missing or not an integer", src, 0);
    return (Long) v;
  }

  public FileEntry file(String name) {
    for (FileEntry f : files) if (f.name().equals(name)) return f;
    return null;
  }

  @Override
  public String toString() {
    return toJson();
  }
}
