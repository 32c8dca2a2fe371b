/**
 * Helpers with no knowledge of files: a persistent map that shares structure between a method's
 * stores, what is kept per compilation and options, and the guard that turns an internal error into
 * "no finding". Uses only the JDK and javac; the bottom layer.
 */
package dev.fsyncguard.checker.util;
