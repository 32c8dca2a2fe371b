package dev.fsyncguard.crashtest;

/**
 * Finds the frame of the workload's own code in the current stack, for telling a user where an
 * operation came from.
 */
final class CallerFrame {
  private static final String KIT = CallerFrame.class.getPackage().getName() + ".";

  /**
   * The kit's I/O layer; the kit's public API and its users' tests (in any package) are user code.
   */
  private static final String[] KIT_IO_CLASSES = {
    "CrashFileSystem",
    "CrashFileSystemProvider",
    "CrashPath",
    "RecordingFileChannel",
    "DirectoryChannel",
    "OperationRecorder",
    "CallerFrame",
    "JdkRedirect",
    "RedirectedStreams",
    "StreamCalls",
    "RedirectedFiles",
    "RedirectedProvider",
    "CallSiteHooks"
  };

  private static final String[] PLATFORM = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "com.google.common.jimfs."
  };

  private CallerFrame() {}

  /**
   * Whether the current call is part of {@code Files.move} from another file system: the JDK then
   * copies the file into the target's file system and deletes the source, on a file system the kit
   * does not see.
   */
  static boolean inMoveFromAnotherFileSystem() {
    for (StackTraceElement frame : new Throwable().getStackTrace()) {
      if (frame.getClassName().equals("java.nio.file.CopyMoveHelper")
          && frame.getMethodName().equals("moveToForeignTarget")) {
        return true;
      }
    }
    return false;
  }

  static StackTraceElement find() {
    for (StackTraceElement frame : new Throwable().getStackTrace()) {
      if (!isInfrastructure(frame.getClassName())) {
        return frame;
      }
    }
    return null;
  }

  private static boolean isInfrastructure(String className) {
    for (String prefix : PLATFORM) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    if (className.startsWith(KIT)) {
      String simple = className.substring(KIT.length());
      for (String kitClass : KIT_IO_CLASSES) {
        if (simple.equals(kitClass) || simple.startsWith(kitClass + "$")) {
          return true;
        }
      }
    }
    return false;
  }
}
