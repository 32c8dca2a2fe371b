/**
 * The baseline: a file of accepted findings that the checks stay quiet on, keyed by place and code
 * rather than line; read, matched, judged stale and rewritten per compilation. Uses the protocol's
 * step names and the options' prefix; used by the checks and the audit, never the reverse.
 */
package dev.fsyncguard.checker.baseline;
