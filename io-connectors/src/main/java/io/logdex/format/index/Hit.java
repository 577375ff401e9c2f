package io.logdex.format.index;

/** A matching document and its record. */
public record Hit(long docId, DocRecord record) {}
