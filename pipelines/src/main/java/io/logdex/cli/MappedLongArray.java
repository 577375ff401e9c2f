package io.logdex.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;

/**
 * A growable array of longs in a memory-mapped temp file, so that per-node bookkeeping for a
 * document of any size lives in the page cache instead of the Java heap.
 */
final class MappedLongArray implements Closeable {
  private static final int REGION_LONGS = 1 << 20; // 8 MiB a region
  private final Path file;
  private final FileChannel ch;
  private final ArrayList<MappedByteBuffer> regions = new ArrayList<>();

  MappedLongArray() throws IOException {
    file = Files.createTempFile("logdex-spans", ".bin");
    ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
  }

  void set(long i, long v) throws IOException {
    region(i).putLong((int) (i % REGION_LONGS) * 8, v);
  }

  long get(long i) throws IOException {
    return region(i).getLong((int) (i % REGION_LONGS) * 8);
  }

  private MappedByteBuffer region(long i) throws IOException {
    int r = (int) (i / REGION_LONGS);
    while (regions.size() <= r) {
      long pos = (long) regions.size() * REGION_LONGS * 8;
      regions.add(ch.map(FileChannel.MapMode.READ_WRITE, pos, (long) REGION_LONGS * 8));
    }
    return regions.get(r);
  }

  @Override
  public void close() throws IOException {
    regions.clear();
    ch.close();
    Files.deleteIfExists(file);
  }
}
