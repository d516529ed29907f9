package dev.neurogen.toolkit.model;

import dev.neurogen.Activation;
import dev.neurogen.Loss;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a model file declares, read without a network (for tools that list or check models).
 *
 * @param formatVersion the file's format version
 * @param layerSizes layer sizes, input first
 * @param activations activation of layers 1..L
 * @param loss the loss
 * @param classNames class names, empty for a regressor
 * @param scalerKind {@code "standardizer"}, {@code "min-max"}, or {@code "none"}
 * @param threshold decision threshold of a single sigmoid output
 * @param seed the training seed, if recorded
 * @param optimizer the optimizer's settings ({@code toString()} of it) if its state is stored, else empty
 * @param metadata every metadata entry as stored (string to string), checksum included
 */
public record ModelInfo(int formatVersion, List<Integer> layerSizes, List<Activation> activations, Loss loss,
    List<String> classNames, String scalerKind, double threshold, OptionalLong seed, String optimizer,
    Map<String, String> metadata) {

  /** Copies the lists and map. */
  public ModelInfo {
    layerSizes = List.copyOf(layerSizes);
    activations = List.copyOf(activations);
    classNames = List.copyOf(classNames);
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }

  /** Layer sizes joined with '-', like {@code 4-16-3}. */
  public String topology() {
    return String.join("-", layerSizes.stream().map(String::valueOf).toList());
  }
}
