/**
 * The durability dataflow over each method, on Error Prone's DataFlow: the transfer function
 * ({@code FsyncTransfer}, the node mechanics), what each family of effects means ({@code
 * NameEffects}, {@code HandleEffects}, {@code WriteEffects}, {@code ForceEffects}, {@code
 * RenameEffects}), the store and its lattice ({@code FileStore}, {@code FileState}), summaries of
 * the methods compiled alongside, and the analysis of one compilation ({@code FsyncAnalysis}). Uses
 * the API table ({@code api}) and the helpers ({@code util}); used by the protocol and the repairs.
 */
package dev.fsyncguard.checker.dataflow;
