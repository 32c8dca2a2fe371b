package dev.fsyncguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that, when the method returns normally, the file named by (or open through) the
 * annotated parameter has been forced to stable storage: its data, and everything written to it
 * before the call, survive a power loss.
 *
 * <p>The parameter may be a {@code java.nio.file.Path}, a {@code java.io.File}, or an open stream,
 * channel or descriptor on the file. fsync-guard trusts the annotation at call sites, so a rename
 * that follows the call is not reported, and it verifies the annotated method's own body.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Fsyncs {}
