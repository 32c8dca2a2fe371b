/**
 * The steps of a crash-safe replace and the verdict on each at a rename or copy site: data forced,
 * atomic rename, temp beside the target, directory forced, force failures not ignored. {@code
 * ReplaceProtocol} is the facade the checks, the baseline and the audit read; the rest judges one
 * step each from the dataflow's facts ({@code dataflow}). Uses the dataflow, the API table and the
 * helpers; never the checks or the repairs.
 */
package dev.fsyncguard.checker.protocol;
