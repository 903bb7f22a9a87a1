package org.archivist.db;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;

/** Gives Hibernate's JPA dialect the {@link SqliteExceptionTranslator} when the engine is SQLite. */
final class SqliteExceptionTranslation implements BeanPostProcessor {

    private final boolean sqlite;

    SqliteExceptionTranslation(boolean sqlite) {
        this.sqlite = sqlite;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (sqlite && bean instanceof AbstractEntityManagerFactoryBean factory
                && factory.getJpaDialect() instanceof HibernateJpaDialect dialect) {
            dialect.setJdbcExceptionTranslator(new SqliteExceptionTranslator());
        }
        return bean;
    }
}
