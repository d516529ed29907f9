package dev.neurogen.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.neurogen.processor.emit.NetworkWriter;
import dev.neurogen.processor.model.Message;
import dev.neurogen.processor.model.NetworkDeclaration;
import dev.neurogen.processor.model.NetworkModel;
import dev.neurogen.processor.model.NetworkRules;
import dev.neurogen.processor.model.Problem;
import dev.neurogen.processor.plan.NetworkPlan;
import dev.neurogen.processor.plan.Planner;
import dev.neurogen.processor.read.DiagnosticReporter;
import dev.neurogen.processor.read.NetworkReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
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
    NetworkPlan plan = Planner.plan(result.model().get());
    Planner.memoryWarning(plan, memoryWarningBytes(reporter)).ifPresent(p -> reporter.warning(element, mirror.get(), p));
    boolean generatedAvailable =
        processingEnv.getElementUtils().getTypeElement("javax.annotation.processing.Generated") != null;
    JavaFile file = new NetworkWriter(generatedAvailable).write(plan);
    String name = file.packageName().isEmpty() ? file.typeSpec().name() : file.packageName() + "." + file.typeSpec().name();
    // The interface is the originating element, so incremental builds (Gradle: isolating) know
    // which source each generated file comes from.
    generatedNames.add(name);
    JavaFileObject source = processingEnv.getFiler().createSourceFile(name, element);
    try (Writer writer = source.openWriter()) {
      file.writeTo(writer);
    }
    if (!"false".equalsIgnoreCase(processingEnv.getOptions().get(COST_REPORT_OPTION))) {
      reporter.note(element, plan.cost().describe(plan.model().interfaceName()));
    }
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
