package dev.fsyncguard.crashtest;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records each operation after the backing file system performed it, and keeps the durability model
 * at every crash point: point 0 is before the first operation, point n after the n-th.
 */
final class OperationRecorder {
  private final Path backingRoot;
  private final boolean atomicRename;
  private final List<RecordedOperation> operations = new ArrayList<>();
  private final List<DurabilityModel> crashPoints = new ArrayList<>();
  private DurabilityModel model;
  private FaultPlan faults;

  OperationRecorder(Path backingRoot, boolean atomicRename) {
    this.backingRoot = backingRoot;
    this.atomicRename = atomicRename;
  }

  /** Takes everything the setup left as durable, and starts recording. */
  synchronized void start() throws IOException {
    model = new DurabilityModel(inode(backingRoot), atomicRename);
    Files.walkFileTree(
        backingRoot,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
              throws IOException {
            model.directory(attributes.fileKey());
            if (directory.getParent() != null) {
              model
                  .directory(inode(directory.getParent()))
                  .durable
                  .put(
                      directory.getFileName().toString(),
                      new Entry(attributes.fileKey(), Entry.Kind.DIRECTORY, null));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            model
                .directory(inode(file.getParent()))
                .durable
                .put(file.getFileName().toString(), entryOf(file));
            if (attributes.isRegularFile()) {
              model.files.put(
                  attributes.fileKey(), FileDataModel.durable(Files.readAllBytes(file)));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    crashPoints.add(model.copy());
  }

  /**
   * Checks the model against what Jimfs holds after the workload: every path, its kind and its
   * content. A difference means some operation went unrecorded or was modelled wrongly, and every
   * verdict would be suspect.
   */
  synchronized void verifyModel() throws IOException {
    java.util.SortedMap<String, String> actual = new java.util.TreeMap<>();
    Files.walkFileTree(
        backingRoot,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
            if (directory.getParent() != null) {
              actual.put(directory.toString(), "directory");
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            actual.put(
                file.toString(),
                attributes.isSymbolicLink()
                    ? "symbolic link -> " + Files.readSymbolicLink(file)
                    : ContentPreview.of(Files.readAllBytes(file))
                        + " #"
                        + java.util.Arrays.hashCode(Files.readAllBytes(file)));
            return FileVisitResult.CONTINUE;
          }
        });
    java.util.SortedMap<String, String> modelled = new java.util.TreeMap<>();
    new StateEnumerator(model, operations, 1)
        .enumerate(
            state -> {
              state.nodes.forEach(
                  (path, node) ->
                      modelled.put(
                          path,
                          node.kind == Entry.Kind.FILE
                              ? ContentPreview.of(node.content)
                                  + " #"
                                  + java.util.Arrays.hashCode(node.content)
                              : node.describe()));
              return false;
            });
    if (!actual.equals(modelled)) {
      throw new IllegalStateException(
          "crashtest's model of the files differs from what the workload left, so its"
              + " crash states cannot be trusted (an operation it does not record?). Files: "
              + actual
              + "; model: "
              + modelled);
    }
  }

  /** Arms the run's faults; they fire only once recording has started, never in the setup. */
  synchronized void arm(FaultPlan faults) {
    this.faults = faults;
  }

  /**
   * The injected failure of {@code operation} on {@code backingPath}, or null when it goes ahead.
   */
  synchronized IOException plannedFailure(Fault.Operation operation, Path backingPath) {
    return model == null || faults == null ? null : faults.failure(operation, backingPath);
  }

  /** Throws the injected failure of {@code operation} on {@code backingPath}, if one is planned. */
  void failIfPlanned(Fault.Operation operation, Path backingPath) throws IOException {
    IOException failure = plannedFailure(operation, backingPath);
    if (failure != null) {
      throw failure;
    }
  }

  synchronized boolean recording() {
    return model != null;
  }

  synchronized List<RecordedOperation> operations() {
    return Collections.unmodifiableList(new ArrayList<>(operations));
  }

  synchronized List<DurabilityModel> crashPoints() {
    return Collections.unmodifiableList(new ArrayList<>(crashPoints));
  }

  synchronized DurabilityModel model() {
    return model;
  }

  /**
   * Adds the operation, lets {@code change} update the model, and keeps the model as the next crash
   * point.
   */
  synchronized void record(
      OperationKind kind, Path backingPath, String detail, ModelChange change) {
    record(kind, backingPath, null, detail, change);
  }

  /**
   * {@link #record(OperationKind, Path, String, ModelChange)} for a rename, which also has a
   * target.
   */
  synchronized void record(
      OperationKind kind, Path backingPath, Path target, String detail, ModelChange change) {
    if (model == null) {
      return;
    }
    int number = operations.size() + 1;
    operations.add(
        new RecordedOperation(
            number,
            kind,
            backingPath.toAbsolutePath().toString(),
            target == null ? null : target.toAbsolutePath().toString(),
            detail,
            CallerFrame.find()));
    change.apply(model, number);
    crashPoints.add(model.copy());
  }

  /** A change to the durability model by operation number {@code operation}. */
  interface ModelChange {
    void apply(DurabilityModel model, int operation);
  }

  static Object inode(Path backingPath) throws IOException {
    return Files.readAttributes(backingPath, BasicFileAttributes.class).fileKey();
  }

  static Entry entryOf(Path backingPath) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(backingPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attributes.isSymbolicLink()) {
      return new Entry(
          attributes.fileKey(),
          Entry.Kind.SYMBOLIC_LINK,
          Files.readSymbolicLink(backingPath).toString());
    }
    return new Entry(
        attributes.fileKey(),
        attributes.isDirectory() ? Entry.Kind.DIRECTORY : Entry.Kind.FILE,
        null);
  }

  /**
   * The inode of the directory holding {@code backingPath} (links in the directory's own path
   * followed).
   */
  static Object parentInode(Path backingPath) throws IOException {
    return inode(backingPath.toAbsolutePath().getParent());
  }

  static String name(Path backingPath) {
    return backingPath.toAbsolutePath().getFileName().toString();
  }
}
