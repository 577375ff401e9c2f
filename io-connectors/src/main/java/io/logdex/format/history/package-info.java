/**
 * Reading state at a path as of a commit, from a snapshot base plus log entries (the seeds'
 * ReadAt), and the write-side helpers that build and fold entries.
 *
 * <ul>
 *   <li>{@link io.logdex.format.history.DiffRestriction}: a root diff cut down to one path without
 *       changing its meaning, or the ancestor it must be lifted to;
 *   <li>{@link io.logdex.format.history.ReadPlan} and {@link io.logdex.format.history.ReadAt}: which
 *       base sub-document to fetch, and the entries applied over it in (commit, seq) order;
 *   <li>{@link io.logdex.format.history.Compaction}: whole-state replay and per-sub-document update;
 *   <li>{@link io.logdex.format.history.StreamingCompactor} and {@link
 *       io.logdex.format.history.StreamingApply}: the state at a commit written from a snapshot file
 *       and the entries after it, streaming, in rounds of composed diffs (bounded memory);
 *   <li>{@link io.logdex.format.history.DiffCompose}, {@link
 *       io.logdex.format.history.TransactionBuffer}, {@link io.logdex.format.history.EntryMerge}:
 *       one diff with the effect of several.
 * </ul>
 *
 * Diffs are Tony diffs or RFC 7386 merge patches, said explicitly by {@link
 * io.logdex.format.history.DiffKind}; absence and JSON null stay apart in {@link
 * io.logdex.format.history.PathState}.
 */
package io.logdex.format.history;
