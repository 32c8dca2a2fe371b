package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema check that every SARIF report of the tests goes through can fail. */
class SarifSchemaTest {
  private static final String RESULT =
      "{\"ruleId\": \"RenameWithoutFsync\", \"kind\": \"fail\", \"level\": \"error\","
          + " \"message\": {\"text\": \"Files.move(tmp, target): missing force\"},"
          + " \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"A.java\"},"
          + " \"region\": {\"startLine\": 7, \"startColumn\": 15}}}]}";

  private static String log(String result) {
    return "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\":"
        + " \"fsync-guard\"}}, \"results\": ["
        + result
        + "]}]}";
  }

  @Test
  void aWellFormedResultConforms() {
    assertEquals(List.of(), SarifSchema.violations(log(RESULT)));
  }

  @Test
  void aResultWithoutMessageIsRejected() {
    JsonObject result = JsonParser.parseString(RESULT).getAsJsonObject();
    result.remove("message");

    List<String> violations = SarifSchema.violations(log(result.toString()));

    assertEquals(1, violations.size(), violations.toString());
    assertTrue(violations.get(0).contains("message"), violations.toString());
  }

  @Test
  void aLevelSarifDoesNotKnowIsRejected() {
    List<String> violations = SarifSchema.violations(log(RESULT.replace("\"error\"", "\"fatal\"")));

    assertEquals(1, violations.size(), violations.toString());
    assertTrue(violations.get(0).contains("level"), violations.toString());
  }

  @Test
  void theAuditsReportOfNoSitesConforms() {
    SarifSchema.assertConforms(Reports.sarif(List.of()));
  }
}
