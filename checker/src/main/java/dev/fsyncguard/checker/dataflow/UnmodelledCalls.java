package dev.fsyncguard.checker.dataflow;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.fsyncguard.checker.api.FileTypes;
import dev.fsyncguard.checker.api.ForceNames;
import dev.fsyncguard.checker.api.Operand;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls nothing describes (not the table, an annotation, or a body in this compilation), judged by
 * their names and types, and the files that getters and name helpers return.
 */
final class UnmodelledCalls {
  private final FileTypes types;
  private final ForceNames forceNames;
  private final DerivedNames derivedNames;

  UnmodelledCalls(FileTypes types, ForceNames forceNames, DerivedNames derivedNames) {
    this.types = types;
    this.forceNames = forceNames;
    this.derivedNames = derivedNames;
  }

  /**
   * The outcome of a call nothing describes. Handles passed to it are written (it was given an open
   * stream for a reason), closed or forced, as its name suggests; names passed to a force-like
   * method are forced. Its value is the handle it wraps or the name it derives, or null.
   */
  Outcome apply(CallSite call, FileStore store) {
    ForceNames.Intent intent = forceNames.of(call.symbol);
    boolean forceLike = intent == ForceNames.Intent.FORCE;
    boolean closeLike = intent == ForceNames.Intent.CLOSE;
    boolean returnsHandle =
        call.tree instanceof NewClassTree || types.isHandle(ASTHelpers.getType(call.tree));
    int position = call.position();
    FileValue wrapped = null;
    FileValue receiver = call.value(Operand.RECEIVER, store, types);
    if (receiver != null && receiver.file() != null && forceLike) {
      store = store.forced(receiver.file(), position);
    }
    for (int i = 0; i < call.argumentCount(); i++) {
      FileValue argument = call.value(Operand.argument(i), store, types);
      if (argument == null || argument.file() == null) {
        continue;
      }
      if (forceLike) {
        store = store.forced(argument.file(), position);
      } else if (!argument.isHandle()) {
        continue;
      } else if (closeLike) {
        store = store.drained(argument, position);
      } else if (returnsHandle) {
        wrapped = wrapped == null ? argument : wrapped;
      } else {
        store = store.writtenThrough(argument, position);
      }
    }
    return Outcome.of(store, wrapped != null ? wrapped : derivedName(call));
  }

  /**
   * The file a getter or name helper returns, when the same call names the same file each time
   * ({@link DerivedNames}); null otherwise.
   */
  FileValue derivedName(CallSite call) {
    if (!(call.symbol instanceof MethodSymbol method)
        || !(call.tree instanceof MethodInvocationTree)
        || !types.isName(method.getReturnType())
        || !derivedNames.derivesName(method)) {
      return null;
    }
    Object receiver = method.isStatic() ? null : call.receiverIdentity();
    if (!method.isStatic() && receiver == null) {
      return null;
    }
    List<Object> arguments = new ArrayList<>();
    for (int i = 0; i < call.argumentCount(); i++) {
      arguments.add(call.argumentIdentity(i));
    }
    FileKey key = derivedNames.keyOf(method, receiver, arguments);
    return key == null ? null : FileValue.name(key);
  }
}
