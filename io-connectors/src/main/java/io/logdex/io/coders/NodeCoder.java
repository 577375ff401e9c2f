package io.logdex.io.coders;

import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * Binary Beam coder for {@link Node} trees, deterministic and consistent with {@link Node#equals}.
 *
 * <p>Layout, pre-order: each node is a header byte (kind ordinal in the low 4 bits, {@code 0x10}
 * when tagged), the tag if any, then its payload: the text for strings, numbers and literals,
 * nothing for {@code true/false/null}, and for containers a varint child count followed by the
 * children, each object child preceded by its key ({@code 0} + field string, or {@code 1} + varint
 * sparse index). Encoding and decoding keep their own stacks, so a tree 10,000 levels deep does not
 * touch the Java call stack. Counts are never trusted for allocation: lists grow as children
 * arrive, strings as bytes arrive.
 */
public final class NodeCoder extends AtomicCoder<Node> {
  private static final long serialVersionUID = 1L;
  private static final NodeCoder INSTANCE = new NodeCoder();
  private static final Node.Kind[] KINDS = Node.Kind.values();
  private static final int TAGGED = 0x10;
  private static final int KEY_FIELD = 0;
  private static final int KEY_SPARSE = 1;

  private NodeCoder() {}

  public static NodeCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Node value, OutputStream out) throws IOException {
    if (value == null) throw new CoderException("cannot encode a null Node");
    writeHeader(value, out);
    if (value.size() == 0) return;
    // Each entry: the container and the index of its next child to write.
    ArrayDeque<Node> nodes = new ArrayDeque<>();
    ArrayDeque<int[]> next = new ArrayDeque<>();
    nodes.push(value);
    next.push(new int[] {0});
    while (!nodes.isEmpty()) {
      Node parent = nodes.peek();
      int[] i = next.peek();
      if (i[0] == parent.size()) {
        nodes.pop();
        next.pop();
        continue;
      }
      if (parent.isObject()) writeKey(parent.key(i[0]), out);
      Node child = parent.child(i[0]++);
      writeHeader(child, out);
      if (child.size() > 0) {
        nodes.push(child);
        next.push(new int[] {0});
      }
    }
  }

  private static void writeHeader(Node n, OutputStream out) throws IOException {
    String tag = n.tag();
    out.write(n.kind().ordinal() | (tag != null ? TAGGED : 0));
    if (tag != null) StringBytes.write(tag, out);
    switch (n.kind()) {
      case OBJECT:
      case ARRAY:
        VarInt.encode(n.size(), out);
        break;
      case STRING:
      case INTEGER:
      case FLOAT:
      case LITERAL:
        StringBytes.write(n.text(), out);
        break;
      default:
        break;
    }
  }

  private static void writeKey(NodeKey k, OutputStream out) throws IOException {
    if (k.isSparse()) {
      out.write(KEY_SPARSE);
      VarInt.encode(k.index(), out);
    } else {
      out.write(KEY_FIELD);
      StringBytes.write(k.field(), out);
    }
  }

  /** A container being decoded: its children so far and how many it declared. */
  private static final class Open {
    final Node.Kind kind;
    final String tag;
    final int count;
    final List<NodeKey> keys;
    final List<Node> values;

    Open(Node.Kind kind, String tag, int count) {
      this.kind = kind;
      this.tag = tag;
      this.count = count;
      int cap = Math.min(count, 16);
      this.keys = kind == Node.Kind.OBJECT ? new ArrayList<>(cap) : null;
      this.values = new ArrayList<>(cap);
    }

    Node build() throws CoderException {
      try {
        Node n = kind == Node.Kind.OBJECT ? Node.object(keys, values) : Node.array(values);
        return n.withTag(tag);
      } catch (IllegalArgumentException e) {
        throw new CoderException("invalid " + kind + ": " + e.getMessage());
      }
    }
  }

  @Override
  public Node decode(InputStream in) throws IOException {
    ArrayDeque<Open> stack = new ArrayDeque<>();
    while (true) {
      Open parent = stack.peek();
      if (parent != null && parent.keys != null) parent.keys.add(readKey(in));
      int h = in.read();
      if (h < 0) throw new CoderException("Node ends early");
      int k = h & 0x0F;
      if ((h & ~0x1F) != 0 || k >= KINDS.length) {
        throw new CoderException("bad Node header byte 0x" + Integer.toHexString(h));
      }
      String tag = (h & TAGGED) != 0 ? StringBytes.read(in) : null;
      Node done;
      try {
        switch (KINDS[k]) {
          case OBJECT:
          case ARRAY:
            {
              int count = VarInt.decodeInt(in);
              if (count < 0) throw new CoderException("negative child count " + count);
              Open open = new Open(KINDS[k], tag, count);
              if (count > 0) {
                stack.push(open);
                continue;
              }
              done = open.build();
              break;
            }
          case STRING:
            done = Node.string(StringBytes.read(in)).withTag(tag);
            break;
          case INTEGER:
            done = Node.integer(StringBytes.read(in)).withTag(tag);
            break;
          case FLOAT:
            done = Node.floating(StringBytes.read(in)).withTag(tag);
            break;
          case LITERAL:
            done = Node.literal(StringBytes.read(in)).withTag(tag);
            break;
          case TRUE:
            done = Node.TRUE.withTag(tag);
            break;
          case FALSE:
            done = Node.FALSE.withTag(tag);
            break;
          default:
            done = Node.NULL.withTag(tag);
            break;
        }
      } catch (IllegalArgumentException e) {
        throw new CoderException("invalid Node: " + e.getMessage());
      }
      // Attach the finished node, closing every container it completes.
      while (true) {
        Open p = stack.peek();
        if (p == null) return done;
        p.values.add(done);
        if (p.values.size() < p.count) break;
        stack.pop();
        done = p.build();
      }
    }
  }

  private static NodeKey readKey(InputStream in) throws IOException {
    int kind = in.read();
    if (kind == KEY_FIELD) return NodeKey.field(StringBytes.read(in));
    if (kind == KEY_SPARSE) {
      long index = VarInt.decodeLong(in);
      if (index < 0 || index > NodeKey.MAX_SPARSE_INDEX) {
        throw new CoderException("sparse index out of range: " + index);
      }
      return NodeKey.sparse(index);
    }
    throw new CoderException(kind < 0 ? "Node ends early in a key" : "bad key kind " + kind);
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public void verifyDeterministic() {}
}
