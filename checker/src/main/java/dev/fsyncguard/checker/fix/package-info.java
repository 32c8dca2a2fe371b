/**
 * The repairs: one fix per rename or copy site that every check reporting the site attaches, built
 * from the protocol's verdicts ({@code protocol}) and the dataflow's facts ({@code dataflow}) with
 * Error Prone's {@code SuggestedFix}. Used by the checks only.
 */
package dev.fsyncguard.checker.fix;
