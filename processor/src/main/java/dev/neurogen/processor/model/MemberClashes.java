package dev.neurogen.processor.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rule that the generated class's members fit the interface it implements: javac would reject
 * the generated class if one of the interface's inherited instance methods had the signature of a
 * generated private (or static) helper, had the signature of a generated public method but another
 * return type, or was abstract without a generated implementation; or if a field or member type
 * hid a package whose types the generated code names in full. Checked against the members actually
 * emitted, so helpers added to the writers later are covered without a list to keep in step.
 *
 * <p>Why a rule and not renaming: the generated helpers have short readable names ({@code
 * sigmoid}, {@code forward1}); prefixing every one of them to make clashes impossible would make
 * the generated code harder to read for a case that a clear error fixes in one rename.
 */
public final class MemberClashes {
  /** Package roots of the types the generated code refers to by qualified name. */
  public static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "dev");

  private MemberClashes() {}

  /**
   * An instance method the interface declares or inherits (not from the runtime interfaces).
   *
   * @param parameterTypes erased parameter types as qualified source text, e.g. {@code double[]}
   * @param returnType erased return type as qualified source text
   */
  public record InterfaceMethod(String name, List<String> parameterTypes, String returnType, boolean isAbstract) {
    public InterfaceMethod {
      parameterTypes = List.copyOf(parameterTypes);
    }

    /** {@code name(type, type)} */
    public String signature() {
      return name + "(" + String.join(", ", parameterTypes) + ")";
    }
  }

  /**
   * A method of the generated class, types written as in {@link InterfaceMethod}.
   */
  public record GeneratedMethod(
      String name, List<String> parameterTypes, String returnType, boolean isPublic, boolean isStatic) {
    public GeneratedMethod {
      parameterTypes = List.copyOf(parameterTypes);
    }

    String signature() {
      return name + "(" + String.join(", ", parameterTypes) + ")";
    }
  }

  /** The problem with one interface method, if any. */
  public static Optional<Problem> check(
      String interfaceName, String generatedName, InterfaceMethod method, List<GeneratedMethod> generated) {
    for (GeneratedMethod g : generated) {
      if (!g.name().equals(method.name()) || !g.parameterTypes().equals(method.parameterTypes())) {
        continue;
      }
      if (!g.isPublic() || g.isStatic()) {
        String kind = (g.isPublic() ? "public" : "private") + (g.isStatic() ? " static" : "");
        return Optional.of(Problem.onElement(
            Message.MEMBER_CLASH, method.signature(), interfaceName, kind, g.signature(), generatedName));
      }
      if (!g.returnType().equals(method.returnType())
          && !(method.returnType().equals("java.lang.Object") && !isPrimitive(g.returnType()))) {
        return Optional.of(Problem.onElement(
            Message.RETURN_CLASH, method.signature(), interfaceName, method.returnType(), generatedName,
            g.signature(), g.returnType()));
      }
      return Optional.empty();
    }
    if (method.isAbstract()) {
      return Optional.of(Problem.onElement(Message.NOT_GENERATED, interfaceName, method.signature(), generatedName));
    }
    return Optional.empty();
  }

  /** A field or type named like a package root the generated code uses, if {@code name} is one. */
  public static Optional<Problem> checkName(String kind, String name, String generatedName) {
    if (PACKAGE_ROOTS.contains(name)) {
      return Optional.of(Problem.onElement(Message.SHADOWED_PACKAGE, kind, name, generatedName, name));
    }
    return Optional.empty();
  }

  private static boolean isPrimitive(String type) {
    return List.of("boolean", "byte", "short", "char", "int", "long", "float", "double", "void").contains(type);
  }
}
