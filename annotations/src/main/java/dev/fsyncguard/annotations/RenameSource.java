package dev.fsyncguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter naming the file that the method commits under a new name, given by the
 * parameter marked {@link RenameTarget}. fsync-guard treats calls to such a method like {@code
 * Files.move}: the source must be forced before the call, unless the method is also annotated
 * {@link Fsyncs} on the same parameter.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface RenameSource {}
