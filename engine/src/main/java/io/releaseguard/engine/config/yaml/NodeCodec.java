package io.releaseguard.engine.config.yaml;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact binary form of a parsed YAML tree, locations included, so that {@link YamlTreeReader}'s result can be
 * kept and read back far faster than the YAML is parsed. Reading refuses anything that is not exactly what {@link
 * #write} produced (unknown tags, negative or oversized counts), so a damaged copy is an {@link IOException}, never a
 * different tree.
 */
public final class NodeCodec {
    private static final byte MAP = 'M';
    private static final byte LIST = 'L';
    private static final byte SCALAR = 'S';
    private static final byte NULL = 'N';
    /** Deeper than any policy nests; bounds the recursion when reading a damaged copy. */
    private static final int MAX_DEPTH = 64;

    private NodeCodec() {}

    public static void write(Node node, DataOutputStream out) throws IOException {
        if (node instanceof Node.MapNode m) {
            out.writeByte(MAP);
            location(m.location(), out);
            out.writeInt(m.entries().size());
            for (Node.Entry e : m.entries().values()) {
                string(e.key(), out);
                location(e.keyLocation(), out);
                write(e.value(), out);
            }
        } else if (node instanceof Node.ListNode l) {
            out.writeByte(LIST);
            location(l.location(), out);
            out.writeInt(l.items().size());
            for (Node item : l.items()) {
                write(item, out);
            }
        } else if (node instanceof Node.ScalarNode s) {
            out.writeByte(SCALAR);
            location(s.location(), out);
            out.writeByte(s.type().ordinal());
            string(s.text(), out);
        } else {
            out.writeByte(NULL);
            location(node.location(), out);
        }
    }

    /** Reads one tree; {@code limit} bounds every count and string length (the size of what is being read). */
    public static Node read(DataInputStream in, int limit) throws IOException {
        return read(in, limit, 0);
    }

    private static Node read(DataInputStream in, int limit, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("tree nested deeper than " + MAX_DEPTH);
        }
        byte tag = in.readByte();
        Location at = location(in);
        switch (tag) {
            case MAP -> {
                int n = count(in, limit);
                Map<String, Node.Entry> entries = new LinkedHashMap<>(Math.max(4, n * 2));
                for (int i = 0; i < n; i++) {
                    String key = string(in, limit);
                    Location keyAt = location(in);
                    entries.put(key, new Node.Entry(key, keyAt, read(in, limit, depth + 1)));
                }
                if (entries.size() != n) {
                    throw new IOException("duplicate key in a stored mapping");
                }
                return new Node.MapNode(at, entries);
            }
            case LIST -> {
                int n = count(in, limit);
                List<Node> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read(in, limit, depth + 1));
                }
                return new Node.ListNode(at, items);
            }
            case SCALAR -> {
                int type = in.readUnsignedByte();
                if (type >= Node.ScalarType.values().length) {
                    throw new IOException("unknown scalar type " + type);
                }
                return new Node.ScalarNode(at, string(in, limit), Node.ScalarType.values()[type]);
            }
            case NULL -> {
                return new Node.NullNode(at);
            }
            default -> throw new IOException("unknown node tag " + tag);
        }
    }

    private static void location(Location l, DataOutputStream out) throws IOException {
        out.writeInt(l.line());
        out.writeInt(l.column());
    }

    private static Location location(DataInputStream in) throws IOException {
        int line = in.readInt();
        int column = in.readInt();
        if (line < 1 || column < 1) {
            throw new IOException("invalid location " + line + ":" + column);
        }
        return new Location(line, column);
    }

    private static void string(String s, DataOutputStream out) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in, int limit) throws IOException {
        int n = count(in, limit);
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("truncated");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in, int limit) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new IOException("count " + n + " out of range");
        }
        return n;
    }
}
