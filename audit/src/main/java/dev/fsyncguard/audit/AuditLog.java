package dev.fsyncguard.audit;

import com.sun.tools.javac.util.Context;
import java.util.ArrayList;
import java.util.List;

/** The rename sites one compilation found, in the order they were analysed. */
final class AuditLog {
  private static final Context.Key<AuditLog> KEY = new Context.Key<>();

  private final List<RenameSite> sites = new ArrayList<>();

  static AuditLog instance(Context context) {
    AuditLog log = context.get(KEY);
    if (log == null) {
      log = new AuditLog();
      context.put(KEY, log);
    }
    return log;
  }

  void add(RenameSite site) {
    sites.add(site);
  }

  List<RenameSite> sites() {
    return sites;
  }
}
