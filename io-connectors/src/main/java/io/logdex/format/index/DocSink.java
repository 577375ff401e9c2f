package io.logdex.format.index;

import java.io.IOException;

/** Receives doc records in strictly increasing docId order. */
interface DocSink {
  void add(DocEntry doc) throws IOException;
}
