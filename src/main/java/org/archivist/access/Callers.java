package org.archivist.access;

/**
 * The caller of the current request (accounts knows who is signed in); features ask it, so
 * none of them depends on how sign-in works.
 */
public interface Callers {

    Caller current();
}
