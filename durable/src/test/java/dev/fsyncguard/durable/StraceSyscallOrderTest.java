package dev.fsyncguard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fsyncguard.annotations.Fsyncs;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real system calls, on Linux: runs {@link StraceWriteProgram} in a child JVM under {@code
 * strace -f -y} and checks, per durable write, write(temp) → fsync/fdatasync(temp) → rename →
 * fsync(directory), each exactly once, and N + 1 forces for a batch of N. Tagged so that only the
 * Linux profile of the build runs it; there, a missing strace fails the test (it never skips).
 */
@Tag("linux-syscalls")
class StraceSyscallOrderTest {
  private static final String TRACED =
      String.join(
          ",",
          "?open",
          "openat",
          "?creat",
          "write",
          "writev",
          "pwrite64",
          "pwritev",
          "?pwritev2",
          "fsync",
          "fdatasync",
          "sync",
          "syncfs",
          "sync_file_range",
          "msync",
          "?rename",
          "renameat",
          "?renameat2",
          "?unlink",
          "unlinkat",
          "close");
  private static final Pattern CALL = Pattern.compile("^\\d+\\s+([a-z0-9_]+)\\((.*)$");
  private static final Pattern FD_PATH = Pattern.compile("^-?\\d+<([^>]*)>");
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  @TempDir Path tempDir;

  @Test
  void eachWriteIsOneWriteOneForceOneRenameOneDirectoryForce() throws Exception {
    List<String> calls = trace("write", 3);

    assertEquals(
        List.of(
            "write TEMP1",
            "force TEMP1",
            "rename TEMP1 target",
            "force DIR",
            "write TEMP2",
            "force TEMP2",
            "rename TEMP2 target",
            "force DIR",
            "write TEMP3",
            "force TEMP3",
            "rename TEMP3 target",
            "force DIR"),
        core(calls),
        calls.toString());
    assertOnlyOpensAndClosesBesides(calls);
  }

  @Test
  void aStreamedWriteMakesTheSameCalls() throws Exception {
    List<String> calls = trace("stream", 2);

    assertEquals(
        List.of(
            "write TEMP1",
            "force TEMP1",
            "rename TEMP1 target",
            "force DIR",
            "write TEMP2",
            "force TEMP2",
            "rename TEMP2 target",
            "force DIR"),
        core(calls),
        calls.toString());
    assertOnlyOpensAndClosesBesides(calls);
  }

  @Test
  void aBatchOfNForcesNPlusOneTimes() throws Exception {
    List<String> calls = trace("batch", 4);

    assertEquals(
        List.of(
            "write TEMP1",
            "force TEMP1",
            "write TEMP2",
            "force TEMP2",
            "write TEMP3",
            "force TEMP3",
            "write TEMP4",
            "force TEMP4",
            "rename TEMP1 file0",
            "rename TEMP2 file1",
            "rename TEMP3 file2",
            "rename TEMP4 file3",
            "force DIR"),
        core(calls),
        calls.toString());
    assertEquals(4 + 1, core(calls).stream().filter(call -> call.startsWith("force")).count());
    assertOnlyOpensAndClosesBesides(calls);
  }

  @Test
  void aDurableRenameForcesTheSourceThenTheDirectory() throws Exception {
    List<String> calls = trace("rename", 2);

    assertEquals(
        List.of(
            "write source",
            "force source",
            "rename source target",
            "force DIR",
            "write source",
            "force source",
            "rename source target",
            "force DIR"),
        core(calls),
        calls.toString());
    assertOnlyOpensAndClosesBesides(calls);
  }

  /** The calls that carry the durability argument, in order. */
  private static List<String> core(List<String> calls) {
    List<String> core = new ArrayList<>();
    for (String call : calls) {
      if (call.startsWith("write ") || call.startsWith("force ") || call.startsWith("rename ")) {
        core.add(call);
      }
    }
    return core;
  }

  /** Nothing else touches the directory: no unlink, no global sync, no second write path. */
  private static void assertOnlyOpensAndClosesBesides(List<String> calls) {
    for (String call : calls) {
      assertTrue(
          call.matches("(write|force|rename|open|close) .*"),
          "unexpected call " + call + " in " + calls);
    }
  }

  /**
   * Runs the program under strace and returns the traced calls that concern the test directory,
   * rendered as {@code kind name}: temp files become TEMP1, TEMP2… in order of appearance, the
   * directory becomes DIR.
   */
  private List<String> trace(String mode, int count) throws Exception {
    Path directory = Files.createDirectory(tempDir.resolve("traced")).toRealPath();
    Path log = tempDir.resolve("strace.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                strace(),
                "-f",
                "-y",
                "-qq",
                "-o",
                log.toString(),
                "-e",
                "trace=" + TRACED,
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData",
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                childClasspath(),
                StraceWriteProgram.class.getName(),
                mode,
                directory.toString(),
                Integer.toString(count)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("the traced program did not finish: " + output);
    }
    assertEquals(0, process.exitValue(), "traced program failed: " + command + "\n" + output);
    assertTrue(output.contains("done " + mode), output);

    List<String> calls = new ArrayList<>();
    Map<String, String> tempNames = new LinkedHashMap<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher call = CALL.matcher(line);
      if (!call.find()) {
        continue; // "<... resumed>" halves and exit lines
      }
      String syscall = call.group(1);
      String arguments = call.group(2);
      if (syscall.equals("sync")
          || syscall.equals("syncfs")
          || syscall.equals("sync_file_range")
          || syscall.equals("msync")) {
        fail("unexpected " + line);
      }
      if (!arguments.contains(directory.toString())) {
        continue;
      }
      String kind = kindOf(syscall);
      List<String> paths = pathsOf(syscall, arguments);
      StringBuilder rendered = new StringBuilder(kind);
      for (String path : paths) {
        rendered.append(' ').append(render(path, directory, tempNames));
      }
      calls.add(rendered.toString());
    }
    return calls;
  }

  private static String kindOf(String syscall) {
    switch (syscall) {
      case "open":
      case "openat":
      case "creat":
        return "open";
      case "write":
      case "writev":
      case "pwrite64":
      case "pwritev":
      case "pwritev2":
        return "write";
      case "fsync":
      case "fdatasync":
        return "force";
      case "rename":
      case "renameat":
      case "renameat2":
        return "rename";
      case "unlink":
      case "unlinkat":
        return "unlink";
      default:
        return syscall;
    }
  }

  /**
   * The paths a call works on: the descriptor's path (strace -y) or, for name-based calls, its
   * quoted names.
   */
  private static List<String> pathsOf(String syscall, String arguments) {
    List<String> paths = new ArrayList<>();
    boolean byName =
        syscall.startsWith("open")
            || syscall.equals("creat")
            || syscall.startsWith("rename")
            || syscall.startsWith("unlink");
    if (byName) {
      Matcher quoted = QUOTED.matcher(arguments);
      while (quoted.find() && paths.size() < (syscall.startsWith("rename") ? 2 : 1)) {
        paths.add(quoted.group(1));
      }
    } else {
      Matcher fd = FD_PATH.matcher(arguments);
      if (fd.find()) {
        paths.add(fd.group(1));
      }
    }
    return paths;
  }

  private static String render(String path, Path directory, Map<String, String> tempNames) {
    if (path.equals(directory.toString())) {
      return "DIR";
    }
    String name = Paths.get(path).getFileName().toString();
    if (name.startsWith(".") && name.endsWith(".tmp")) {
      return tempNames.computeIfAbsent(name, unused -> "TEMP" + (tempNames.size() + 1));
    }
    return name;
  }

  /** Fails, never skips, without strace: on Linux this test is part of the proof. */
  private static String strace() throws InterruptedException {
    try {
      Process probe = new ProcessBuilder("strace", "-V").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      if (probe.waitFor() == 0) {
        return "strace";
      }
    } catch (IOException notInstalled) {
      // Reported below.
    }
    fail(
        "strace is not installed, but this Linux build must check the real system calls: install it"
            + " (e.g. `apt-get install -y strace`; .ci/run does this) and run the build again");
    return null;
  }

  /**
   * The module's classes and the test classes: all the child needs (annotations are not retained at
   * run time).
   */
  private static String childClasspath() throws URISyntaxException {
    List<String> entries = new ArrayList<>();
    for (Class<?> fromEntry : List.of(DurableFiles.class, StraceWriteProgram.class, Fsyncs.class)) {
      entries.add(
          Paths.get(fromEntry.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString());
    }
    return String.join(File.pathSeparator, entries);
  }
}
