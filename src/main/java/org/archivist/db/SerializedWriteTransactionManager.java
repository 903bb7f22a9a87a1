package org.archivist.db;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/** A JPA transaction manager that passes SQLite transactions through the {@link SqliteWriteGate}. */
final class SerializedWriteTransactionManager extends JpaTransactionManager {

    private final SqliteWriteGate gate;

    SerializedWriteTransactionManager(EntityManagerFactory entityManagerFactory, SqliteWriteGate gate) {
        super(entityManagerFactory);
        this.gate = gate;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        gate.enter(!definition.isReadOnly());
        try {
            super.doBegin(transaction, definition);
        } catch (RuntimeException | Error e) {
            gate.exit();
            throw e;
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        try {
            super.doCleanupAfterCompletion(transaction);
        } finally {
            gate.exit();
        }
    }
}
