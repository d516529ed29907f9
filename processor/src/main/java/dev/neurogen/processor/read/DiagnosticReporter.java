package dev.neurogen.processor.read;

import dev.neurogen.processor.model.Attribute;
import dev.neurogen.processor.model.Problem;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * Prints problems through the {@link Messager}, anchored as precisely as javac allows: on the
 * offending annotation value (an element of {@code layers} if that is where the mistake is), else
 * on the annotation, else on the element.
 */
public final class DiagnosticReporter {
  private final Messager messager;

  public DiagnosticReporter(Messager messager) {
    this.messager = messager;
  }

  public void error(Element element, AnnotationMirror mirror, Problem problem) {
    print(Diagnostic.Kind.ERROR, element, mirror, problem);
  }

  /** A problem that does not stop generation, anchored like an error. */
  public void warning(Element element, AnnotationMirror mirror, Problem problem) {
    print(Diagnostic.Kind.WARNING, element, mirror, problem);
  }

  /** A warning about the compilation as a whole (e.g. a processor option), on no element. */
  public void warning(Problem problem) {
    messager.printMessage(Diagnostic.Kind.WARNING, problem.text());
  }

  private void print(Diagnostic.Kind kind, Element element, AnnotationMirror mirror, Problem problem) {
    if (mirror == null) {
      messager.printMessage(kind, problem.text(), element);
      return;
    }
    AnnotationValue value = valueOf(mirror, problem.attribute(), problem.index());
    if (value == null) {
      messager.printMessage(kind, problem.text(), element, mirror);
    } else {
      messager.printMessage(kind, problem.text(), element, mirror, value);
    }
  }

  public void note(Element element, String text) {
    messager.printMessage(Diagnostic.Kind.NOTE, text, element);
  }

  /** The explicitly written value for the attribute (defaults have no source position). */
  private static AnnotationValue valueOf(AnnotationMirror mirror, Attribute attribute, int index) {
    if (attribute.annotationMember() == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute.annotationMember())) {
        AnnotationValue value = e.getValue();
        if (index >= 0 && value.getValue() instanceof List<?> items && index < items.size()
            && items.get(index) instanceof AnnotationValue item) {
          return item;
        }
        return value;
      }
    }
    return null;
  }
}
