package dev.fsyncguard.checker;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every case of {@link RenameWithoutFsyncFileLibrariesTest} again, each method analysed as one
 * graph instead of in segments of top-level statements: the two must agree on every verdict.
 */
@ExtendWith(SegmentSize.Whole.class)
final class RenameWithoutFsyncFileLibrariesWholeMethodTest
    extends RenameWithoutFsyncFileLibrariesTest {}
