package org.archivist.testing;

import java.util.function.Supplier;

import org.archivist.db.DatabaseLocation;
import org.archivist.db.Engine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Base of tests that run once on SQLite and once on PostgreSQL, against the real application. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
public abstract class EngineTest {

    @Parameter
    protected Engine engine;

    protected ConfigurableApplicationContext context;

    @BeforeEach
    void openContext() {
        context = TestDatabases.context(engine);
    }

    protected <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    protected DatabaseLocation location() {
        return context.getBean(DatabaseLocation.class);
    }

    protected JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    /** Runs the work in one write transaction and returns its result. */
    protected <T> T inTransaction(Supplier<T> work) {
        return new TransactionTemplate(bean(PlatformTransactionManager.class)).execute(status -> work.get());
    }

    protected void inTransaction(Runnable work) {
        new TransactionTemplate(bean(PlatformTransactionManager.class)).executeWithoutResult(status -> work.run());
    }

    /** A name no other test has used in this JVM, for columns that must be unique. */
    protected static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }
}
