/**
 * The one table of known file APIs: which calls name, open, write, flush, force, rename, copy and
 * delete files ({@code FileApis}, {@code LibraryApis}), the names and types it knows ({@code
 * KnownNames}, {@code FileTypes}), the vocabulary of its entries ({@code Action}, {@code Effect},
 * {@code Operand}), and the build's options ({@code FsyncOptions}). Every matcher of the checker is
 * here. Uses only Error Prone, javac and the helpers; every other package uses it.
 */
package dev.fsyncguard.checker.api;
