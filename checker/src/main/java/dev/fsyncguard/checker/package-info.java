/**
 * The checks: six thin classes over one analysis, their diagnostics, and the options and baseline
 * they share. Each asks the protocol ({@code protocol}) for its step's verdict at a site and
 * attaches the site's one repair ({@code fix}). The top layer: no other package uses this one.
 */
package dev.fsyncguard.checker;
