package dev.neurogen.functional;

import dev.neurogen.NeuralNetwork;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Finds the generated class of each @Network interface nested in a holder, by the naming rule. */
public final class GeneratedNetworks {
  private GeneratedNetworks() {}

  /** A generated network under test, with the name of its interface. */
  public record Subject(String name, NeuralNetwork network) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One instance of every network nested in {@code holder}, in name order. */
  public static List<Subject> nestedIn(Class<?> holder, long seed) {
    List<Subject> subjects = new ArrayList<>();
    Class<?>[] interfaces = holder.getDeclaredClasses();
    Arrays.sort(interfaces, Comparator.comparing(Class::getSimpleName));
    for (Class<?> type : interfaces) {
      subjects.add(new Subject(type.getSimpleName(), instantiate(type, seed)));
    }
    return subjects;
  }

  /** Outer.Inner is generated as Outer_InnerImpl in the same package. */
  public static NeuralNetwork instantiate(Class<?> networkInterface, long seed) {
    String name = networkInterface.getPackageName() + "."
        + networkInterface.getName().substring(networkInterface.getPackageName().length() + 1).replace('$', '_')
        + "Impl";
    try {
      return (NeuralNetwork) Class.forName(name).getConstructor(long.class).newInstance(seed);
    } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
        | IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError("cannot instantiate " + name, e);
    }
  }
}
