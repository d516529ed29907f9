package dev.neurogen.processor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.processor.model.MemberClashes.GeneratedMethod;
import dev.neurogen.processor.model.MemberClashes.InterfaceMethod;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The member-clash rule on plain values, without javac. */
class MemberClashesTest {
  private static final List<GeneratedMethod> GENERATED = List.of(
      new GeneratedMethod("parameterCount", List.of(), "int", true, false),
      new GeneratedMethod("layerSizes", List.of(), "int[]", true, false),
      new GeneratedMethod("clearGradients", List.of(), "void", false, false),
      new GeneratedMethod("sigmoid", List.of("double"), "double", false, true));

  @Test
  void privateHelperSignature() {
    Optional<Problem> problem = check(new InterfaceMethod("clearGradients", List.of(), "void", false));
    assertEquals(Message.MEMBER_CLASH, problem.orElseThrow().message());
    assertTrue(problem.get().text().startsWith("[NetworkMemberClash] the method clearGradients() of"));
  }

  @Test
  void staticHelperSignature() {
    Optional<Problem> problem = check(new InterfaceMethod("sigmoid", List.of("double"), "double", false));
    assertTrue(problem.orElseThrow().text().contains("private static member sigmoid(double)"));
  }

  @Test
  void sameNameOtherParametersIsFine() {
    assertEquals(Optional.empty(), check(new InterfaceMethod("sigmoid", List.of("float"), "double", false)));
  }

  @Test
  void publicMethodWithAnotherReturnType() {
    Optional<Problem> problem = check(new InterfaceMethod("parameterCount", List.of(), "long", false));
    assertEquals(Message.RETURN_CLASH, problem.orElseThrow().message());
    assertTrue(problem.get().text().contains("returns long"));
  }

  @Test
  void publicMethodWithTheSameOrAWiderReturnTypeIsOverridden() {
    assertEquals(Optional.empty(), check(new InterfaceMethod("parameterCount", List.of(), "int", true)));
    assertEquals(Optional.empty(), check(new InterfaceMethod("layerSizes", List.of(), "java.lang.Object", false)));
  }

  @Test
  void abstractMethodNotGenerated() {
    Optional<Problem> problem = check(new InterfaceMethod("describe", List.of("int"), "double", true));
    assertEquals(Message.NOT_GENERATED, problem.orElseThrow().message());
    assertTrue(problem.get().text().startsWith("[NetworkAbstractMethod] "));
  }

  @Test
  void packageRoots() {
    assertEquals(Message.SHADOWED_PACKAGE, MemberClashes.checkName("field", "dev", "NetImpl").orElseThrow().message());
    assertEquals(Optional.empty(), MemberClashes.checkName("field", "Math", "NetImpl"));
  }

  private static Optional<Problem> check(InterfaceMethod method) {
    return MemberClashes.check("Net", "NetImpl", method, GENERATED);
  }
}
