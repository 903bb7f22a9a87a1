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
        return on(location).web(WebApplicationType.NONE).properties(properties).run();
    }

    /**
     * The same services behind the HTTP API, listening on {@code address:port} (port 0: any free
     * port), with the background workers that run queued jobs.
     */
    public static ConfigurableApplicationContext serve(DatabaseLocation location, String address, int port) {
        return on(location).web(WebApplicationType.SERVLET)
                .properties("server.address=" + address, "server.port=" + port, "archivist.workers=true")
                .run();
    }

    private static SpringApplicationBuilder on(DatabaseLocation location) {
        return new SpringApplicationBuilder(ArchivistApplication.class)
                .logStartupInfo(false)
                .initializers(context -> context.getBeanFactory().registerSingleton("databaseLocation", location));
    }
}
