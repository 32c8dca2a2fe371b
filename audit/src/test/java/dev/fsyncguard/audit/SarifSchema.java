package dev.fsyncguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The official SARIF 2.1.0 schema, shipped as test data: every SARIF report a test sees obeys it.
 */
final class SarifSchema {
  private static final Schema SCHEMA = load();

  private SarifSchema() {}

  /** What the document breaks of the schema, one line per violation; empty when it conforms. */
  static List<String> violations(String document) {
    return SCHEMA.validate(document, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  static void assertConforms(String document) {
    assertEquals(List.of(), violations(document), "SARIF 2.1.0 schema violations");
  }

  private static Schema load() {
    try (InputStream schema =
        SarifSchema.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      if (schema == null) {
        throw new IllegalStateException(
            "sarif/sarif-schema-2.1.0.json is not on the test class path");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
