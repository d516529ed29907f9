package dev.neurogen.sample;

import dev.neurogen.Classifier;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * The command-line names of the networks declared in {@link Networks}, with the data set each was
 * sized for. Immutable; {@link #ALL} lists them in the order {@code --list} shows.
 */
final class NetworkCatalog {
  private NetworkCatalog() {}

  /**
   * One declared network.
   *
   * @param name the name given to {@code --network}, e.g. {@code digits-small}
   * @param dataSet the embedded or installed data set it was sized for, e.g. {@code digits}
   * @param description what it is, in a few words
   * @param factory makes a new instance with seeded initial weights
   */
  record Entry(String name, String dataSet, String description, LongFunction<Classifier> factory) {
    /** A new instance of the generated class with initial weights from {@code seed}. */
    Classifier create(long seed) {
      return factory.apply(seed);
    }

    /** The layer sizes, input first (from a throw-away instance: the sizes are constants). */
    int[] layers() {
      return create(0L).layerSizes();
    }

    /** The layer sizes joined with dashes, e.g. {@code 64-32-10}. */
    String shape() {
      return Arrays.stream(layers()).mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }

    /** Number of weights and biases. */
    int parameterCount() {
      return create(0L).parameterCount();
    }
  }

  /** Every declared network, grouped by data set, small before large. */
  static final List<Entry> ALL =
      List.of(
          new Entry(
              "digits-small",
              "digits",
              "one ReLU layer of 32",
              Networks_DigitsSmallImpl::new),
          new Entry(
              "digits-large",
              "digits",
              "ReLU layers of 128 and 64",
              Networks_DigitsLargeImpl::new),
          new Entry("iris-small", "iris", "one tanh layer of 8", Networks_IrisSmallImpl::new),
          new Entry(
              "iris-large", "iris", "tanh layers of 16 and 16", Networks_IrisLargeImpl::new),
          new Entry(
              "fashion-small",
              "fashion",
              "ReLU layers of 128 and 64 (the benchmarks' W3 shape)",
              Networks_FashionSmallImpl::new),
          new Entry(
              "fashion-large",
              "fashion",
              "ReLU layers of 256 and 128",
              Networks_FashionLargeImpl::new));

  /** The entry called {@code name} (case-insensitive), if any. */
  static Optional<Entry> byName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return ALL.stream().filter(e -> e.name().equals(wanted)).findFirst();
  }

  /** The networks whose input and output sizes fit {@code features} inputs and {@code classes}. */
  static List<Entry> fitting(int features, int classes) {
    return ALL.stream()
        .filter(
            e -> {
              int[] layers = e.layers();
              return layers[0] == features && layers[layers.length - 1] == classes;
            })
        .collect(Collectors.toUnmodifiableList());
  }

  /** All names, comma-separated, for messages. */
  static String names() {
    return ALL.stream().map(Entry::name).collect(Collectors.joining(", "));
  }
}
