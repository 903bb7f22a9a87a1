package org.archivist.db;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.sqlite.SQLiteConfig.TransactionMode;
import org.sqlite.SQLiteConnection;

/** Hands out SQLite connections whose next transaction begins IMMEDIATE when it is for writing. */
final class SqliteTransactionModeDataSource extends DelegatingDataSource implements AutoCloseable {

    SqliteTransactionModeDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        TransactionMode mode = SqliteWriteGate.isWriteIntended() ? TransactionMode.IMMEDIATE : TransactionMode.DEFERRED;
        connection.unwrap(SQLiteConnection.class).getConnectionConfig().setTransactionMode(mode);
        return connection;
    }

    /** Closes the pool underneath when the application stops. */
    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }
}
