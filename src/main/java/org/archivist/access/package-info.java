/** Who is calling and which libraries they may see: the small contract between accounts and every feature that shows a library's objects. */
package org.archivist.access;
