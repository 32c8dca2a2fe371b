package dev.fsyncguard.checker.dataflow;

import com.sun.tools.javac.code.Type;
import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * The store on every exceptional edge of a force, whatever the exception: the graph keys edges by
 * the declared types, their subtypes that handlers catch, and the unchecked ones.
 */
final class FailureStores extends AbstractMap<TypeMirror, FileStore> {
  private final List<? extends TypeMirror> thrown;
  private final FileStore failed;

  FailureStores(List<? extends TypeMirror> thrown, FileStore failed) {
    this.thrown = thrown;
    this.failed = failed;
  }

  @Override
  public FileStore get(Object key) {
    // Whatever a force throws, declared or not, it did not complete: its data may be lost.
    return key instanceof Type ? failed : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Map.Entry<TypeMirror, FileStore>> entrySet() {
    Set<Map.Entry<TypeMirror, FileStore>> entries = new LinkedHashSet<>();
    for (TypeMirror declared : thrown) {
      entries.add(new SimpleImmutableEntry<>(declared, failed));
    }
    return entries;
  }
}
