package io.logdex.samples;

/**
 * One s3dlio op-log record, reused for every line. Times are epoch nanoseconds; a missing
 * first_byte is -1 and an absent error is null.
 */
final class OpRecord {
  /** The operations s3dlio's writer emits, in its spelling. */
  static final Pool OPS = new Pool(
      "GET", "PUT", "HEAD", "DELETE", "LIST", "DELETE_PREFIX", "CREATE_CONTAINER", "DELETE_CONTAINER",
      "GET_RANGE", "STAT");
  static final int GET = 0;
  static final int PUT = 1;
  static final int HEAD = 2;
  static final int DELETE = 3;
  static final int LIST = 4;
  static final int DELETE_PREFIX = 5;
  static final int CREATE_CONTAINER = 6;
  static final int DELETE_CONTAINER = 7;
  static final int GET_RANGE = 8;
  static final int STAT = 9;

  long idx;
  long thread;
  int op;
  byte[] clientId;
  long nObjects;
  long bytes;
  byte[] endpoint;
  final Text file = new Text();
  /** Index into {@link OpSource#ERRORS}, or -1. */
  int error = -1;
  long start;
  long firstByte = -1;
  long end;

  long durationNs() {
    return end - start;
  }
}
