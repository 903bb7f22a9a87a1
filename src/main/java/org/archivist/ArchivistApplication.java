package org.archivist;

import org.archivist.cli.ArchivistCli;
import org.archivist.db.DatabaseLocation;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Archivist: a self-hosted media library server. */
@SpringBootApplication
public class ArchivistApplication {

    public static void main(String[] args) {
        System.exit(ArchivistCli.run(args));
    }

    /**
     * Starts the application's services on a database whose location was checked and whose
     * schema is current; the command line decides both before anything heavy starts.
     */
    public static ConfigurableApplicationContext start(DatabaseLocation location, String... properties) {
        return new SpringApplicationBuilder(ArchivistApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .initializers(context -> context.getBeanFactory().registerSingleton("databaseLocation", location))
                .properties(properties)
                .run();
    }
}
