package io.releaseguard.engine.node;

import io.releaseguard.engine.ReleaseGuardException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link NodeExecutor} for tests that does to every task what a remoting channel does: the task is written with
 * {@link ObjectOutputStream} and read back before it runs, and so is its answer. Anything non-serializable, or
 * anything that would drag controller objects (state, a live adapter, a lambda over them) along, fails the test
 * here. It counts the tasks per kind so a test can show which I/O went through the node.
 */
public final class SerializingNode implements NodeExecutor {
    private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();

    @Override
    public <T extends Serializable> T call(NodeTask<T> task) throws ReleaseGuardException {
        String kind = kind(task);
        calls.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        order.add(kind);
        @SuppressWarnings("unchecked")
        NodeTask<T> received = (NodeTask<T>) roundTrip(task);
        @SuppressWarnings("unchecked")
        NodeAnswer<T> answer = (NodeAnswer<T>) roundTrip(NodeAnswer.of(received));
        return answer.get();
    }

    /** How many tasks of {@code kind} ({@code NodeDeployer.Call}, ...) ran on the node. */
    public int calls(String kind) {
        AtomicInteger n = calls.get(kind);
        return n == null ? 0 : n.get();
    }

    /** Every task kind in the order the tasks were sent. */
    public List<String> order() {
        return List.copyOf(order);
    }

    private static String kind(Object task) {
        Class<?> c = task.getClass();
        return c.getEnclosingClass() == null
                ? c.getSimpleName()
                : c.getEnclosingClass().getSimpleName() + "." + c.getSimpleName();
    }

    static Object roundTrip(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new AssertionError("cannot be sent to a node: " + o.getClass().getName() + ": " + e, e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("cannot be read on a node: " + o.getClass().getName() + ": " + e, e);
        }
    }
}
