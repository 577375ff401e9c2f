package io.logdex.format.encode;

import io.logdex.format.tree.Node;

/** Placeholder until the encoder lands (being written now); replaced wholesale. */
public final class Encoder {
  private Encoder() {}

  public static String toWireString(Node n) {
    return "<" + n.kind() + " size=" + n.size() + ">";
  }
}
