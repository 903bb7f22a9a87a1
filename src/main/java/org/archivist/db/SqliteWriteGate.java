package org.archivist.db;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.transaction.IllegalTransactionStateException;

/**
 * SQLite allows one writer at a time. Writers in this process queue here, fairly, and each
 * then begins its transaction IMMEDIATE so that it holds the database's write lock from its
 * first statement: a transaction that starts reading and later tries to write can otherwise
 * fail with SQLITE_BUSY at once, whatever the busy timeout says. Other processes are waited
 * for by SQLite's busy timeout.
 */
public final class SqliteWriteGate {

    /** The transactions open on this thread, innermost first: true for a writer. */
    private static final ThreadLocal<Deque<Boolean>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final ReentrantLock lock = new ReentrantLock(true);

    /** Called before a transaction opens its connection. */
    public void enter(boolean write) {
        if (write) {
            if (lock.isHeldByCurrentThread()) {
                // The outer transaction holds SQLite's write lock on another connection: waiting
                // for it here would wait for ourselves until the busy timeout.
                throw new IllegalTransactionStateException(
                        "a new write transaction was started inside another one on SQLite; join the outer transaction instead");
            }
            lock.lock();
        }
        OPEN.get().push(write);
    }

    /** Called when that transaction has ended. */
    public void exit() {
        Deque<Boolean> open = OPEN.get();
        if (!open.isEmpty() && open.pop() && lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    /** Whether the connection being opened on this thread is for a write transaction. */
    static boolean isWriteIntended() {
        Boolean innermost = OPEN.get().peek();
        return innermost != null && innermost;
    }
}
