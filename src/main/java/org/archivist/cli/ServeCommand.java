package org.archivist.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.archivist.ArchivistApplication;
import org.archivist.db.DatabaseLocation;
import org.archivist.trash.TrashService;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code archivist serve}: runs the server (the JSON API of docs/api.md) until it is stopped. */
@Command(name = "serve", description = "Run the server: the JSON API under /api (docs/api.md) until Ctrl-C or SIGTERM.")
class ServeCommand implements Callable<Integer> {
    @Mixin DatabaseOption database;
    @Spec CommandSpec spec;
    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;
    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; there is no login yet, so "
                    + "expose it to a network only behind a proxy that asks for one).")
    String address = "127.0.0.1";

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port: " + port + " is not a port number (0-65535)");
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stopped = new CountDownLatch(1);
        ConfigurableApplicationContext context = Catalogue.open(database, location -> ArchivistApplication.serve(location, address, port));
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) stopped.countDown();
        });
        // A crash during 'dupes apply' or 'trash restore' is settled before anything is served.
        context.getBean(TrashService.class).recover().forEach(err::println);
        int listening = ((WebServerApplicationContext) context).getWebServer().getPort();
        err.printf("archivist: serving %s on http://%s:%d/api (Ctrl-C to stop)%n", context.getBean(DatabaseLocation.class).displayUrl(), address, listening);
        err.flush();
        // Ctrl-C and SIGTERM close the context through Spring's shutdown hook; waiting here keeps the exit code ours.
        stopped.await();
        return ExitCodes.OK;
    }
}
