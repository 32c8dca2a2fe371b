/**
 * The six checks, thin classes over one analysis, and the one repair of each rename site they all
 * attach. Uses the analysis ({@code flow}) and the baseline ({@code baseline}); nothing in those
 * packages uses this one.
 */
package dev.fsyncguard.checker;
