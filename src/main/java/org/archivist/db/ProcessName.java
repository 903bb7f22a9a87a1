package org.archivist.db;

/** This process as {@code host:pid}: how jobs and bulk writes name who holds them, so a dead holder can be told from a live one. */
public final class ProcessName {

    private ProcessName() {
    }

    /**
     * Read once: the name is what a job's writes are checked against, so a host name that changed (or a
     * lookup that failed once) while the process runs must not make its own jobs look like another's.
     */
    private static final String CURRENT = read();

    public static String current() {
        return CURRENT;
    }

    private static String read() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /** Whether {@code name} is a live process of this host other than this one. */
    public static boolean aliveElsewhere(String name) {
        String here = current();
        String host = here.substring(0, here.lastIndexOf(':'));
        if (name == null || !name.startsWith(host + ":") || name.equals(here)) return false;
        try {
            return ProcessHandle.of(Long.parseLong(name.substring(host.length() + 1))).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
