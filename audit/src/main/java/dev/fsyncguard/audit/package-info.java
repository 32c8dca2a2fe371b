/**
 * The audit: every rename site of a project with its verdict on each step, as a table, JSON and
 * SARIF, from the command line ({@code Audit}) or for the Maven goals ({@code ReactorAudit}). Uses
 * the checker's analysis, baseline and checks.
 */
package dev.fsyncguard.audit;
