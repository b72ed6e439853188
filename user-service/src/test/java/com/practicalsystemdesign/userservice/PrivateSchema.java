package com.practicalsystemdesign.userservice;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.flywaydb.core.Flyway;

import com.practicalsystemdesign.common.testing.PostgresStore;
import com.practicalsystemdesign.common.testing.RealStores;

/**
 * A schema of its own in the harness's PostgreSQL, migrated afresh by the service's own
 * Flyway scripts: repository tests see only their own rows, and no running service's
 * sweeper claims them.
 */
public final class PrivateSchema {

    private final String name;

    private final PostgresStore store = RealStores.postgres();

    public PrivateSchema(String name) {
        this.name = name;
        Flyway flyway = Flyway.configure()
            .dataSource(store.jdbcUrl(), store.username(), store.password())
            .schemas(name)
            .createSchemas(true)
            .cleanDisabled(false)
            .load();
        flyway.clean();
        flyway.migrate();
    }

    /**
     * A new connection factory whose connections use this schema; each is a pool of its
     * own, so a transaction on one does not carry over to another.
     */
    public ConnectionFactory connectionFactory() {
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.builder()
            .option(ConnectionFactoryOptions.DRIVER, "postgresql")
            .option(ConnectionFactoryOptions.HOST, store.host())
            .option(ConnectionFactoryOptions.PORT, store.port())
            .option(ConnectionFactoryOptions.DATABASE, store.database())
            .option(ConnectionFactoryOptions.USER, store.username())
            .option(Option.valueOf("schema"), name);
        if (store.password() != null && !store.password().isEmpty()) {
            options.option(ConnectionFactoryOptions.PASSWORD, store.password());
        }
        return ConnectionFactories.get(options.build());
    }

}
