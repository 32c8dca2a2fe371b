package dev.fsyncguard.durable.recording;

/** The file operations a {@link RecordingFileSystem} logs and can make fail. */
public enum Operation {
  OPEN,
  WRITE,
  FORCE,
  CLOSE,
  MOVE,
  DELETE
}
