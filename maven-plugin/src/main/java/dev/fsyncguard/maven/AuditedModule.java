package dev.fsyncguard.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * What the forked audit needs to know of one module of the build.
 *
 * @param siblings the modules of the same build it depends on ({@code groupId:artifactId}), whose
 *     classes the fork compiled before it and puts on its class path
 */
record AuditedModule(
    String name,
    Path base,
    Path reports,
    List<Path> roots,
    List<String> classPath,
    List<String> siblings) {}
