package io.logdex.format.index;

import java.util.List;
import java.util.Map;

/**
 * Index-wide figures, from the manifest and the dictionary footers only (never from postings).
 *
 * @param fileBytes physical size of every file, by name, in manifest order
 * @param topTerms the most frequent terms, most frequent first (as many as the build recorded)
 */
public record IndexStats(
    long docs,
    long terms,
    long postings,
    long totalWords,
    int partitions,
    long totalBytes,
    Map<String, Long> fileBytes,
    List<TermFreq> topTerms) {}
