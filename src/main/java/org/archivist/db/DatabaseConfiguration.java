package org.archivist.db;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.format.jackson.Jackson3JsonFormatMapper;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** The connection pool, the transaction manager and Hibernate's settings for the chosen engine. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    DataSource dataSource(DatabaseLocation location) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("archivist");
        config.setJdbcUrl(location.jdbcUrl());
        config.setDataSourceProperties(ConnectionSettings.application(location));
        if (location.isSqlite()) {
            // Readers run side by side under WAL; writers queue in the SqliteWriteGate.
            config.setMaximumPoolSize(4);
            config.setConnectionTimeout(ConnectionSettings.SQLITE_BUSY_TIMEOUT_MS * 2L);
            return new SqliteTransactionModeDataSource(new HikariDataSource(config));
        }
        config.setMaximumPoolSize(10);
        // With the server away, a request waits this long for a connection and then answers 503 (Hikari's 30 s looks like a hang).
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    @Bean
    static SqliteExceptionTranslation sqliteExceptionTranslation(DatabaseLocation location) {
        return new SqliteExceptionTranslation(location.isSqlite());
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource, DatabaseLocation location) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        if (location.isSqlite()) {
            template.setExceptionTranslator(new SqliteExceptionTranslator());
        }
        return template;
    }

    @Bean
    SqliteWriteGate sqliteWriteGate() {
        return new SqliteWriteGate();
    }

    @Bean
    PlatformTransactionManager transactionManager(EntityManagerFactory entityManagerFactory,
                                                  DatabaseLocation location, SqliteWriteGate gate) {
        return location.isSqlite()
                ? new SerializedWriteTransactionManager(entityManagerFactory, gate)
                : new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    HibernatePropertiesCustomizer archivistHibernateSettings(JsonMapper jsonMapper) {
        return properties -> {
            // Stored JSON (library settings, job parameters) is read leniently: the API refuses unknown
            // fields in requests, but a row written by another version must still load.
            properties.put(AvailableSettings.JSON_FORMAT_MAPPER, new Jackson3JsonFormatMapper(jsonMapper.rebuild()
                    .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()));
            properties.put(AvailableSettings.JDBC_TIME_ZONE, "UTC");
            properties.put(AvailableSettings.STATEMENT_BATCH_SIZE, 200);
            properties.put(AvailableSettings.ORDER_INSERTS, true);
            properties.put(AvailableSettings.ORDER_UPDATES, true);
        };
    }
}
