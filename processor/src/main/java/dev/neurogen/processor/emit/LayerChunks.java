package dev.neurogen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import dev.neurogen.processor.plan.LayerRange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes code that repeats per layer either inline, or, when the plan cut it into several {@link
 * LayerRange}s, as one private method per range plus the calls of those methods. The plan decides
 * the ranges ({@code NetworkPlan.chunks}); this only writes them. A chunk method takes the same
 * parameters as the method it is part of (the layers' code reads only those parameters and
 * fields) and returns nothing.
 *
 * <p>Usage: build each layer's code, call {@link #of}, add {@link #code()} to the method body where
 * the layers' code belongs, and {@link #methods()} to the class.
 */
final class LayerChunks {
  private final CodeBlock code;
  private final List<MethodSpec> methods;

  private LayerChunks(CodeBlock code, List<MethodSpec> methods) {
    this.code = code;
    this.methods = methods;
  }

  /**
   * @param name the method the layers' code belongs to; chunk methods are called {@code
   *     name + "Layers" + a + "To" + b}, in the order the layers run
   * @param parameters the parameters the layers' code reads, passed on to every chunk method
   * @param ranges the plan's ranges, ascending; a single range means inline code
   * @param reverse whether the layers run from the last to the first (backpropagation)
   * @param layerCode the code of layer l (1-based); may be empty
   */
  static LayerChunks of(String name, List<ParameterSpec> parameters, List<LayerRange> ranges, boolean reverse,
      IntFunction<CodeBlock> layerCode) {
    if (ranges.size() == 1) {
      return new LayerChunks(layers(ranges.get(0), reverse, layerCode), List.of());
    }
    List<LayerRange> order = new ArrayList<>(ranges);
    if (reverse) {
      java.util.Collections.reverse(order);
    }
    String arguments = parameters.stream().map(ParameterSpec::name).collect(Collectors.joining(", "));
    CodeBlock.Builder calls = CodeBlock.builder();
    List<MethodSpec> methods = new ArrayList<>();
    for (LayerRange range : order) {
      int from = reverse ? range.last() : range.first();
      int to = reverse ? range.first() : range.last();
      String chunk = name + "Layers" + from + "To" + to;
      calls.addStatement("$N($L)", chunk, arguments);
      methods.add(MethodSpec.methodBuilder(chunk)
          .addJavadoc("Layers $L to $L of {@code $L}, in a method of their own: no generated method\n"
              + "may exceed the JIT's 8,000-byte limit.\n", from, to, name)
          .addModifiers(Modifier.PRIVATE)
          .addParameters(parameters)
          .addCode(layers(range, reverse, layerCode))
          .build());
    }
    return new LayerChunks(calls.build(), List.copyOf(methods));
  }

  /** The layers' code inline, or the calls of the chunk methods. */
  CodeBlock code() {
    return code;
  }

  /** The chunk methods (none if the code is inline). */
  List<MethodSpec> methods() {
    return methods;
  }

  private static CodeBlock layers(LayerRange range, boolean reverse, IntFunction<CodeBlock> layerCode) {
    CodeBlock.Builder body = CodeBlock.builder();
    for (int k = 0; k < range.size(); k++) {
      body.add(layerCode.apply(reverse ? range.last() - k : range.first() + k));
    }
    return body.build();
  }
}
