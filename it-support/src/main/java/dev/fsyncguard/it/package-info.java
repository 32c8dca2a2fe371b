/** Support for the integration tests: real Maven builds of copies of the sample projects. */
package dev.fsyncguard.it;
