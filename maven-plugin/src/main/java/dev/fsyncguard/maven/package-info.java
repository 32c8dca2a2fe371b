/**
 * The Maven goals {@code fsync-guard:audit} and {@code fsync-guard:baseline}: they collect the
 * build's modules and run the audit in a JVM of its own, through its job and result files.
 */
package dev.fsyncguard.maven;
