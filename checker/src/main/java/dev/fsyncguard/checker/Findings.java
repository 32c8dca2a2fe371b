package dev.fsyncguard.checker;

import com.google.errorprone.matchers.Description;
import dev.fsyncguard.checker.fix.SiteRepair;
import java.util.Optional;

/**
 * A check's diagnostic: the message, and the site's repair with the sentence that says what it
 * does.
 */
final class Findings {
  private Findings() {}

  static Description describe(
      Description.Builder finding, String message, Optional<SiteRepair.Repair> repair) {
    if (repair == null || repair.isEmpty()) {
      return finding.setMessage(message).build();
    }
    // Build logs show one line of a fix; the sentence says what all of it does.
    return finding
        .setMessage(message + " " + repair.get().summary())
        .addFix(repair.get().fix())
        .build();
  }
}
