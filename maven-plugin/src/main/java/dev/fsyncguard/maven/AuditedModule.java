package dev.fsyncguard.maven;

import java.nio.file.Path;
import java.util.List;

/** What the forked audit needs to know of one module of the build. */
record AuditedModule(
    String name, Path base, Path reports, List<Path> roots, List<String> classPath) {}
