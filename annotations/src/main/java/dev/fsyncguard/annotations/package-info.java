/** Annotations that describe, to fsync-guard, what a method does to the files it is given. */
package dev.fsyncguard.annotations;
