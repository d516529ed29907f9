package dev.neurogen.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.neurogen.processor.emit.NetworkWriter;
import dev.neurogen.processor.model.MemberClashes;
import dev.neurogen.processor.model.Message;
import dev.neurogen.processor.model.NetworkDeclaration;
import dev.neurogen.processor.model.NetworkModel;
import dev.neurogen.processor.model.NetworkRules;
import dev.neurogen.processor.model.Problem;
import dev.neurogen.processor.plan.NetworkPlan;
import dev.neurogen.processor.plan.Planner;
import dev.neurogen.processor.read.DiagnosticReporter;
import dev.neurogen.processor.read.InterfaceScope;
import dev.neurogen.processor.read.NetworkReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;

/**
 * Turns every {@code @Network} interface into a specialised network class, in three stages that
 * only ever go forward: read and validate ({@link NetworkReader}, {@link NetworkRules}) into an
 * immutable {@link NetworkModel}; plan ({@link Planner}); emit ({@link NetworkWriter}). All
 * problems of a declaration are reported together and nothing is written for it; other
 * declarations are still generated. No exception escapes to javac.
 *
 * <p>Options: {@code -Aneurogen.costReport=false} turns off the per-network cost NOTE.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes({"dev.neurogen.Network", "javax.annotation.processing.Generated"})
@SupportedOptions({NetworkProcessor.COST_REPORT_OPTION, NetworkProcessor.MEMORY_WARNING_OPTION})
public final class NetworkProcessor extends AbstractProcessor {
  /** Processor option that switches the cost NOTE off when set to {@code false}. */
  public static final String COST_REPORT_OPTION = "neurogen.costReport";

  /**
   * Processor option: the memory per instance, in megabytes, above which a network gets a
   * {@code [NetworkMemory]} warning (default {@link Planner#DEFAULT_MEMORY_WARNING_BYTES}).
   */
  public static final String MEMORY_WARNING_OPTION = "neurogen.memoryWarningMegabytes";

  /** The memory warning threshold in bytes, read from the options on first use. */
  private long memoryWarningBytes = -1;

  /** Qualified names written so far in this compilation. */
  private final Set<String> generatedNames = new HashSet<>();

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement network = processingEnv.getElementUtils().getTypeElement("dev.neurogen.Network");
    if (network == null) {
      return false;
    }
    DiagnosticReporter reporter = new DiagnosticReporter(processingEnv.getMessager());
    for (Element element : round.getElementsAnnotatedWith(network)) {
      try {
        processElement(element, reporter);
      } catch (RuntimeException | IOException | Error e) {
        if (e instanceof VirtualMachineError vmError) {
          throw vmError;
        }
        reporter.error(element, NetworkReader.networkMirror(element).orElse(null),
            Problem.onElement(Message.INTERNAL_ERROR, element, stackTrace(e)));
      }
    }
    // Claim @Network (ours alone) and the @Generated on our output (no processor acts on it): an
    // unclaimed annotation makes javac warn under -Xlint:processing, which would break users who
    // compile with -Xlint:all -Werror.
    return !annotations.isEmpty();
  }

  private void processElement(Element element, DiagnosticReporter reporter) throws IOException {
    Optional<AnnotationMirror> mirror = NetworkReader.networkMirror(element);
    if (mirror.isEmpty() || !(element instanceof TypeElement type)) {
      return;
    }
    Optional<NetworkDeclaration> declaration =
        new NetworkReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), generatedNames)
            .read(type, mirror.get());
    if (declaration.isEmpty()) {
      return; // an annotation value did not compile; javac reports that itself
    }
    NetworkRules.Result result = NetworkRules.validate(declaration.get());
    for (Problem problem : result.problems()) {
      reporter.error(element, mirror.get(), problem);
    }
    if (result.model().isEmpty()) {
      return;
    }
    InterfaceScope scope = new InterfaceScope(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
    NetworkModel model = result.model().get().withNamesToQualify(scope.namesToQualify(type));
    String generatedName = model.generatedName();
    String name = model.packageName().isEmpty() ? generatedName : model.packageName() + "." + generatedName;
    boolean fits = true;
    if (type.getModifiers().contains(Modifier.SEALED) && !InterfaceScope.permits(type, generatedName, name)) {
      reporter.error(element, mirror.get(),
          Problem.onElement(Message.SEALED, model.interfaceName(), generatedName, generatedName));
      fits = false;
    }
    for (InterfaceScope.Named named : scope.names(type)) {
      Optional<Problem> problem = MemberClashes.checkName(named.kind(), named.name(), generatedName);
      if (problem.isPresent()) {
        reportOn(named.element(), type, mirror.get(), problem.get(), reporter);
        fits = false;
      }
    }
    NetworkPlan plan = Planner.plan(model);
    Planner.memoryWarning(plan, memoryWarningBytes(reporter)).ifPresent(p -> reporter.warning(element, mirror.get(), p));
    boolean generatedAvailable =
        processingEnv.getElementUtils().getTypeElement("javax.annotation.processing.Generated") != null;
    JavaFile file = new NetworkWriter(generatedAvailable).write(plan);
    List<MemberClashes.GeneratedMethod> generated = generatedMethods(file);
    for (InterfaceScope.Method method : scope.methods(type)) {
      Optional<Problem> problem = MemberClashes.check(model.interfaceName(), generatedName, method.method(), generated);
      if (problem.isPresent()) {
        reportOn(method.element(), type, mirror.get(), problem.get(), reporter);
        fits = false;
      }
    }
    if (!fits) {
      return;
    }
    // The interface is the originating element, so incremental builds (Gradle: isolating) know
    // which source each generated file comes from.
    generatedNames.add(name);
    JavaFileObject source;
    try {
      source = processingEnv.getFiler().createSourceFile(name, element);
    } catch (FilerException e) {
      // a type of that name is already part of this compilation, e.g. a hand-written NetImpl
      reporter.error(element, mirror.get(), Problem.onElement(Message.NAME_CLASH, name,
          name + " (already in this compilation: " + e.getMessage() + ")"));
      return;
    } catch (IOException e) {
      reporter.error(element, mirror.get(), Problem.onElement(Message.WRITE_FAILED, name, e));
      return;
    }
    try (Writer writer = source.openWriter()) {
      file.writeTo(writer);
    } catch (IOException e) {
      reporter.error(element, mirror.get(), Problem.onElement(Message.WRITE_FAILED, name, e));
      return;
    }
    if (!"false".equalsIgnoreCase(processingEnv.getOptions().get(COST_REPORT_OPTION))) {
      reporter.note(element, plan.cost().describe(plan.model().interfaceName()));
    }
  }

  /** On the element itself if the interface declares it, else on the interface's annotation. */
  private static void reportOn(
      Element culprit, TypeElement type, AnnotationMirror mirror, Problem problem, DiagnosticReporter reporter) {
    if (culprit.getEnclosingElement() != null && culprit.getEnclosingElement().equals(type)) {
      reporter.error(culprit, null, problem);
    } else {
      reporter.error(type, mirror, problem);
    }
  }

  /** The generated class's methods (constructors aside) as plain signatures. */
  private static List<MemberClashes.GeneratedMethod> generatedMethods(JavaFile file) {
    List<MemberClashes.GeneratedMethod> methods = new ArrayList<>();
    for (MethodSpec method : file.typeSpec().methodSpecs()) {
      if (method.isConstructor()) {
        continue;
      }
      List<String> parameters = new ArrayList<>();
      for (ParameterSpec parameter : method.parameters()) {
        parameters.add(erased(parameter.type()));
      }
      methods.add(new MemberClashes.GeneratedMethod(method.name(), parameters,
          method.returnType() == null ? "void" : erased(method.returnType()),
          method.modifiers().contains(Modifier.PUBLIC), method.modifiers().contains(Modifier.STATIC)));
    }
    return methods;
  }

  /** A JavaPoet type as javac prints an erased type: qualified, without type arguments. */
  private static String erased(TypeName type) {
    TypeName plain = type.withoutAnnotations();
    if (plain instanceof ArrayTypeName array) {
      return erased(array.componentType()) + "[]";
    }
    if (plain instanceof ParameterizedTypeName parameterized) {
      return parameterized.rawType().canonicalName();
    }
    if (plain instanceof ClassName name) {
      return name.canonicalName();
    }
    return plain.toString();
  }

  private long memoryWarningBytes(DiagnosticReporter reporter) {
    if (memoryWarningBytes < 0) {
      memoryWarningBytes = Planner.DEFAULT_MEMORY_WARNING_BYTES;
      String value = processingEnv.getOptions().get(MEMORY_WARNING_OPTION);
      if (value != null) {
        String problem = null;
        try {
          long megabytes = Long.parseLong(value.trim());
          if (megabytes < 0 || megabytes > Long.MAX_VALUE >> 20) {
            problem = "write a whole number of megabytes from 0 to " + (Long.MAX_VALUE >> 20);
          } else {
            memoryWarningBytes = megabytes << 20;
          }
        } catch (NumberFormatException e) {
          problem = "write a whole number of megabytes, e.g. 4096 for 4 GiB";
        }
        if (problem != null) {
          reporter.warning(Problem.onElement(Message.BAD_OPTION, MEMORY_WARNING_OPTION, value, problem,
              (Planner.DEFAULT_MEMORY_WARNING_BYTES >> 20) + " megabytes"));
        }
      }
    }
    return memoryWarningBytes;
  }

  private static String stackTrace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
