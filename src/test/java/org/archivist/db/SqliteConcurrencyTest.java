package org.archivist.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.archivist.ArchivistApplication;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many threads, in two application instances on one SQLite file (as a CLI scan beside the
 * server would be), each reading then writing in a transaction: nobody sees "database is locked".
 */
class SqliteConcurrencyTest {

    private static final int THREADS_PER_INSTANCE = 4;
    private static final int TRANSACTIONS_PER_THREAD = 40;

    @Test
    void concurrentReadThenWriteTransactionsNeverFailWithBusy() throws Exception {
        DatabaseLocation location = org.archivist.testing.TestDatabases.freshSqlite();
        new SchemaMigrator(location).upgrade();
        try (ConfigurableApplicationContext first = ArchivistApplication.start(location);
             ConfigurableApplicationContext second = ArchivistApplication.start(location)) {
            new JdbcTemplate(first.getBean(javax.sql.DataSource.class))
                    .update("INSERT INTO jobs (type, processed_items) VALUES ('scan', 0)");
            ExecutorService pool = Executors.newFixedThreadPool(THREADS_PER_INSTANCE * 2);
            List<Future<?>> results = new ArrayList<>();
            for (ConfigurableApplicationContext context : List.of(first, second)) {
                TransactionTemplate transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
                JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
                    results.add(pool.submit(() -> {
                        for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
                            transactions.executeWithoutResult(status -> {
                                long seen = jdbc.queryForObject("SELECT processed_items FROM jobs WHERE id = 1", Long.class);
                                jdbc.update("UPDATE jobs SET processed_items = ? WHERE id = 1", seen + 1);
                            });
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> result : results) {
                result.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            long total = new JdbcTemplate(first.getBean(javax.sql.DataSource.class))
                    .queryForObject("SELECT processed_items FROM jobs WHERE id = 1", Long.class);
            assertThat(total).as("no lost update either").isEqualTo(2L * THREADS_PER_INSTANCE * TRANSACTIONS_PER_THREAD);
        }
    }

    @Test
    void aReadOnlyTransactionInsideAWriteDoesNotWaitForItself() {
        var context = org.archivist.testing.TestDatabases.context(Engine.SQLITE);
        TransactionTemplate write = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        TransactionTemplate readOnlyNew = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        readOnlyNew.setReadOnly(true);
        readOnlyNew.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Long count = write.execute(status -> {
            jdbc.update("INSERT INTO jobs (type) VALUES ('hash')");
            return readOnlyNew.execute(inner -> jdbc.queryForObject("SELECT count(*) FROM jobs", Long.class));
        });
        assertThat(count).isNotNull();
    }
}
