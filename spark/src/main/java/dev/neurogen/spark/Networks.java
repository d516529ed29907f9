package dev.neurogen.spark;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Reflective access to generated network classes by name: the one place where the Spark module
 * turns a class name into an instance. Executors call it once per partition (task), never per row.
 */
final class Networks {

  private Networks() {}

  /**
   * A new instance of the generated class {@code className} (its {@code (long seed)} constructor).
   *
   * @throws IllegalArgumentException if the class cannot be loaded, is not a {@link NeuralNetwork},
   *     or has no public {@code (long)} constructor; the message names the class and says what to do
   */
  static NeuralNetwork instantiate(String className) {
    if (className == null || className.isEmpty()) {
      throw new IllegalArgumentException(
          "networkClass is not set: set it to the generated class's binary name,"
              + " e.g. com.example.IrisNetImpl");
    }
    Class<?> type;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      type = Class.forName(className, true, loader != null ? loader : Networks.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          "networkClass " + className + " cannot be loaded (" + e + "); put the jar with the"
              + " generated network on the driver and executor class path (spark-submit --jars)",
          e);
    }
    if (!NeuralNetwork.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          "networkClass " + className + " does not implement dev.neurogen.NeuralNetwork; use the"
              + " generated class (the @Network interface's name with Impl appended)");
    }
    try {
      Constructor<?> constructor = type.getConstructor(long.class);
      return (NeuralNetwork) constructor.newInstance(0L);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "networkClass " + className + " has no public (long seed) constructor; use the"
              + " generated class (the @Network interface's name with Impl appended)",
          e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "constructing " + className + " failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("networkClass " + className + " cannot be constructed: " + e, e);
    }
  }

  /** {@link #instantiate} that also requires {@link Classifier} (integer labels). */
  static Classifier instantiateClassifier(String className) {
    NeuralNetwork network = instantiate(className);
    if (!(network instanceof Classifier)) {
      throw new IllegalArgumentException(
          "networkClass " + className + " is not a dev.neurogen.Classifier; training on a label"
              + " column needs a network with loss CROSS_ENTROPY or HINGE");
    }
    return (Classifier) network;
  }
}
