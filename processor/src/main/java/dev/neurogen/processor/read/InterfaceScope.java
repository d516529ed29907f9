package dev.neurogen.processor.read;

import dev.neurogen.processor.model.MemberClashes;
import dev.neurogen.processor.model.MemberClashes.InterfaceMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What a {@code @Network} interface puts into the scope of the class generated for it: the instance
 * methods it declares or inherits (which the generated class inherits too), and the simple names
 * of its member types and fields and of the types in its package (which shadow or obscure types of
 * the same simple name). Read off javac's model as plain values; judged by {@link MemberClashes}.
 */
public final class InterfaceScope {
  /** An interface method together with the element to report a problem on. */
  public record Method(ExecutableElement element, InterfaceMethod method) {}

  /** A named element (field, member type, type in the package). */
  public record Named(Element element, String kind, String name) {}

  private final Elements elements;
  private final Types types;

  public InterfaceScope(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /**
   * The instance methods the interface declares or inherits, except those of {@code Object} and
   * of the runtime package {@code dev.neurogen} (the generated class implements those).
   */
  public List<Method> methods(TypeElement type) {
    List<Method> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      Element owner = method.getEnclosingElement();
      if (method.getModifiers().contains(Modifier.STATIC) || method.getModifiers().contains(Modifier.PRIVATE)
          || !(owner instanceof TypeElement ownerType)
          || ownerType.getQualifiedName().contentEquals("java.lang.Object")
          || elements.getPackageOf(ownerType).getQualifiedName().contentEquals("dev.neurogen")) {
        continue;
      }
      List<String> parameters = new ArrayList<>();
      for (VariableElement parameter : method.getParameters()) {
        parameters.add(erased(parameter.asType()));
      }
      methods.add(new Method(method, new InterfaceMethod(method.getSimpleName().toString(), parameters,
          erased(method.getReturnType()), method.getModifiers().contains(Modifier.ABSTRACT))));
    }
    return methods;
  }

  /** Fields and member types of the interface (declared or inherited), and the types of its package. */
  public List<Named> names(TypeElement type) {
    List<Named> names = new ArrayList<>();
    for (Element member : elements.getAllMembers(type)) {
      if (member.getKind() == ElementKind.FIELD) {
        names.add(new Named(member, "field", member.getSimpleName().toString()));
      } else if (member instanceof TypeElement) {
        names.add(new Named(member, "member type", member.getSimpleName().toString()));
      }
    }
    for (Element member : elements.getPackageOf(type).getEnclosedElements()) {
      names.add(new Named(member, "type in the package", member.getSimpleName().toString()));
    }
    return names;
  }

  /** The simple names the generated source must write qualified. */
  public Set<String> namesToQualify(TypeElement type) {
    Set<String> names = new TreeSet<>();
    for (Named named : names(type)) {
      names.add(named.name());
    }
    return names;
  }

  /**
   * Whether a sealed interface's permits clause names the generated class (which does not exist
   * yet, so javac shows it as an unresolved name).
   */
  public static boolean permits(TypeElement type, String generatedSimpleName, String generatedQualifiedName) {
    for (TypeMirror permitted : type.getPermittedSubclasses()) {
      String name = permitted.toString();
      if (name.equals(generatedSimpleName) || name.equals(generatedQualifiedName)) {
        return true;
      }
    }
    return false;
  }

  private String erased(TypeMirror type) {
    return types.erasure(type).toString();
  }
}
