package dev.fsyncguard.crashtest;

/**
 * A property every crash state must have. It fails by throwing: an {@link AssertionError} from any
 * assertion library, or any exception (recovery code that cannot read the state is a failure too).
 */
@FunctionalInterface
public interface CrashStateCheck {
  void check(CrashState state) throws Exception;
}
