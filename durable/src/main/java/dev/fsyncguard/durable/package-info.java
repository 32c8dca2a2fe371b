/**
 * Durable, atomic replacement of files: write a temporary file next to the target, force it, rename
 * it over the target, force the directory. Start at {@link dev.fsyncguard.durable.DurableFiles}.
 *
 * <p>Every failure is an {@link java.io.IOException} whose type says what the disk holds
 * afterwards: {@link dev.fsyncguard.durable.TargetUnchangedException} (old content intact), {@link
 * dev.fsyncguard.durable.ReplacedButNotDurableException} (new content visible, not yet durable) or
 * {@link dev.fsyncguard.durable.BatchPartlyReplacedException} (some files of a batch replaced). The
 * exception is a renamed file that does not exist: {@link java.nio.file.NoSuchFileException}, as
 * {@code Files.move} reports it, with nothing changed.
 */
package dev.fsyncguard.durable;
