package dev.fsyncguard.checker;

import org.junit.jupiter.api.extension.ExtendWith;

/** Every case of {@link RenameWithoutFsyncShapesTest} again, each method one graph. */
@ExtendWith(SegmentSize.Whole.class)
final class RenameWithoutFsyncShapesWholeMethodTest extends RenameWithoutFsyncShapesTest {}
