package dev.fsyncguard.durable;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The public ways to replace one file's content, so each behaviour is checked for all of them. */
enum WriteForm {
  BYTES {
    @Override
    void write(Path target, String content) throws IOException {
      DurableFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
    }
  },
  TEXT {
    @Override
    void write(Path target, String content) throws IOException {
      DurableFiles.write(target, content, StandardCharsets.UTF_8);
    }
  },
  STREAM {
    @Override
    void write(Path target, String content) throws IOException {
      try (DurableOutput output = DurableFiles.newOutput(target)) {
        output.stream().write(content.getBytes(StandardCharsets.UTF_8));
        output.commit();
      }
    }
  },
  WRITER {
    @Override
    void write(Path target, String content) throws IOException {
      try (DurableOutput output = DurableFiles.newOutput(target)) {
        Writer writer = output.writer(StandardCharsets.UTF_8);
        writer.write(content);
        output.commit();
      }
    }
  };

  abstract void write(Path target, String content) throws IOException;
}
