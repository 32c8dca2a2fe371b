package dev.fsyncguard.audit;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Names sites' files the way a user reads them. */
final class SitePaths {
  private SitePaths() {}

  /** Paths relative to the project (or the working directory), else to their source root. */
  static List<RenameSite> relativize(List<RenameSite> sites, Path base, List<Path> roots) {
    List<RenameSite> relative = new ArrayList<>();
    for (RenameSite site : sites) {
      Path file = Paths.get(site.file());
      String name = site.file();
      if (file.startsWith(base)) {
        name = base.relativize(file).toString();
      } else {
        for (Path root : roots) {
          if (file.startsWith(root)) {
            name = root.relativize(file).toString();
          }
        }
      }
      relative.add(site.inFile(name.replace('\\', '/')));
    }
    return relative;
  }
}
