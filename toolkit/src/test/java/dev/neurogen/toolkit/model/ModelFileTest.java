package dev.neurogen.toolkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.neurogen.Activation;
import dev.neurogen.Loss;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.OptimizerSnapshot;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.toolkit.Nets_IrisHingeImpl;
import dev.neurogen.toolkit.Nets_IrisImpl;
import dev.neurogen.toolkit.Nets_IrisNarrowImpl;
import dev.neurogen.toolkit.Nets_IrisReluImpl;
import dev.neurogen.toolkit.Nets_TinyImpl;
import dev.neurogen.toolkit.Nets_Torch453Impl;
import dev.neurogen.toolkit.TestData;
import dev.neurogen.toolkit.data.DataSet;
import dev.neurogen.toolkit.data.Split;
import dev.neurogen.toolkit.preprocess.Standardizer;
import dev.neurogen.toolkit.train.FitConfig;
import dev.neurogen.toolkit.train.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  @TempDir Path dir;

  private static final Split SPLIT = Split.of(TestData.iris(), 0.7, 0.15, 0.15, 11L);

  /** Trains an iris model the same way every time, returning the model and its optimizer state. */
  private static Object[] trainIris(NeuralNetwork net, long seed) {
    Standardizer scaler = Standardizer.fit(SPLIT.train());
    FitConfig config = FitConfig.builder().epochs(5).batchSize(16).seed(seed).optimizer(Adam.of(0.01)).build();
    OptimizerState state = config.optimizer().newState();
    Trainer.fit(net, scaler.transform(SPLIT.train()), null, config, state);
    Model model = Model.builder(net).scaler(scaler).classNames(SPLIT.train().classNames()).seed(seed).build();
    return new Object[] {model, state};
  }

  @Test
  void roundTripGivesTheSameModel() throws IOException {
    Nets_IrisImpl net = new Nets_IrisImpl(1L);
    Model model = (Model) trainIris(net, 7L)[0];
    Path file = dir.resolve("iris.safetensors");
    ModelFile.save(model, file);
    Nets_IrisImpl other = new Nets_IrisImpl(2L);
    Model loaded = ModelFile.load(file, other);
    assertArrayEquals(parameters(net), parameters(other));
    assertEquals(model.scaler(), loaded.scaler());
    assertEquals(List.of("setosa", "versicolor", "virginica"), loaded.classNames());
    assertEquals(7L, loaded.seed().getAsLong());
    for (int r = 0; r < SPLIT.test().size(); r++) {
      double[] row = SPLIT.test().featureRow(r);
      assertArrayEquals(model.predict(row), loaded.predict(row));
    }
    ModelInfo info = ModelFile.inspect(file);
    assertEquals("4-16-3", info.topology());
    assertEquals(List.of(Activation.TANH, Activation.SOFTMAX), info.activations());
    assertEquals(Loss.CROSS_ENTROPY, info.loss());
    assertEquals("standardizer", info.scalerKind());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
    ModelFile.save(model, file); // replaces
    assertEquals(-1, Files.mismatch(file, dir.resolve("iris.safetensors")));
  }

  @Test
  void sameSeedAndSettingsGiveByteIdenticalFiles() throws IOException {
    Path a = dir.resolve("a.safetensors");
    Path b = dir.resolve("b.safetensors");
    Object[] first = trainIris(new Nets_IrisImpl(1L), 7L);
    Object[] second = trainIris(new Nets_IrisImpl(1L), 7L);
    ModelFile.save((Model) first[0], (OptimizerState) first[1], a);
    ModelFile.save((Model) second[0], (OptimizerState) second[1], b);
    assertEquals(-1, Files.mismatch(a, b));
    assertTrue(Files.size(a) > 1000);
  }

  @Test
  void optimizerStateResumesTrainingExactly() throws IOException {
    Nets_IrisImpl net = new Nets_IrisImpl(1L);
    Object[] trained = trainIris(net, 7L);
    Path file = dir.resolve("resume.safetensors");
    ModelFile.save((Model) trained[0], (OptimizerState) trained[1], file);
    DataSet train = ((Model) trained[0]).scaler().orElseThrow().transform(SPLIT.train());
    FitConfig more = FitConfig.builder().epochs(3).batchSize(16).seed(8L).optimizer(Adam.of(0.01)).build();

    Trainer.fit(net, train, null, more, (OptimizerState) trained[1]);

    Nets_IrisImpl resumed = new Nets_IrisImpl(99L);
    ModelFile.load(file, resumed);
    OptimizerSnapshot snapshot = ModelFile.readOptimizerSnapshot(file).orElseThrow();
    assertEquals("adam", snapshot.optimizerName());
    OptimizerState state = more.optimizer().newState();
    state.restore(snapshot);
    Trainer.fit(resumed, train, null, more, state);
    assertArrayEquals(parameters(net), parameters(resumed));
  }

  @Test
  void loadingIntoADifferentNetworkNamesTheDifference() throws IOException {
    Path file = dir.resolve("iris.safetensors");
    ModelFile.save((Model) trainIris(new Nets_IrisImpl(1L), 7L)[0], file);
    assertMessage(file, new Nets_IrisNarrowImpl(1L), "holds a 4-16-3 network but the given network is 4-8-3");
    assertMessage(file, new Nets_IrisReluImpl(1L), "layer 1 has activation TANH in the file but RELU in the given network");
    assertMessage(file, new Nets_IrisHingeImpl(1L), "trained with loss CROSS_ENTROPY but the given network has loss HINGE");
  }

  @Test
  void unknownVersionIsNamed() throws IOException {
    Path file = dir.resolve("v.safetensors");
    ModelFile.save((Model) trainIris(new Nets_IrisImpl(1L), 7L)[0], file);
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\"format_version\":\"1\"", "\"format_version\":\"2\"");
    Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
    assertMessage(file, new Nets_IrisImpl(1L), "has format version '2'; this version of neurogen reads version 1 only");
  }

  @Test
  void everyFlippedByteAndEveryTruncationIsRejected() throws IOException {
    Nets_TinyImpl net = new Nets_TinyImpl(3L);
    DataSet data = DataSet.ofLabels(new double[] {0, 1, 1, 0, 2, 2}, 2, new int[] {0, 1, 1});
    Model model = Model.builder(net).scaler(Standardizer.fit(data)).classNames(List.of("no", "yes")).seed(3L).build();
    byte[] good = ModelFile.toBytes(model);
    Path file = dir.resolve("tiny.safetensors");
    Files.write(file, good);
    ModelFile.load(file, new Nets_TinyImpl(0L)); // the intact file loads
    double[] before = parameters(net);
    int rejected = 0;
    for (int i = 0; i < good.length; i++) {
      for (int mask : new int[] {0x01, 0x80, 0xFF}) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) mask;
        Nets_TinyImpl target = new Nets_TinyImpl(3L);
        try {
          ModelFile.load(file, bad, target);
          fail("byte " + i + " xor " + mask + " was not detected");
        } catch (ModelFileException e) {
          assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
          assertArrayEquals(before, parameters(target), "a rejected file must not change the network");
          rejected++;
        }
      }
    }
    assertEquals(3 * good.length, rejected);
    for (int length = 0; length < good.length; length++) {
      byte[] cut = Arrays.copyOf(good, length);
      ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file, cut, new Nets_TinyImpl(3L)),
          "length " + length);
      assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("damaged"), e.getMessage());
    }
  }

  @Test
  void readsAFileWrittenFromPyTorch() throws IOException {
    Path file = TestData.resource("pytorch/torch_4_5_3_tanh.safetensors");
    Nets_Torch453Impl net = new Nets_Torch453Impl(0L);
    Model model = ModelFile.load(file, net);
    assertEquals(List.of("setosa", "versicolor", "virginica"), model.classNames());
    String expected = Files.readString(TestData.resource("pytorch/torch_4_5_3_tanh_expected.json"));
    double[] numbers = numbers(expected);
    for (int s = 0; s < 4; s++) {
      double[] input = Arrays.copyOfRange(numbers, 4 * s, 4 * s + 4);
      double[] probabilities = Arrays.copyOfRange(numbers, 16 + 3 * s, 16 + 3 * s + 3);
      assertArrayEquals(probabilities, model.predict(input), 1e-13);
    }
  }

  private static double[] numbers(String json) {
    Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?").matcher(json);
    return m.results().mapToDouble(r -> Double.parseDouble(r.group())).toArray();
  }

  private static void assertMessage(Path file, NeuralNetwork net, String expected) {
    double[] before = parameters(net);
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file, net));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertArrayEquals(before, parameters(net));
  }

  private static double[] parameters(NeuralNetwork net) {
    double[] p = new double[net.parameterCount()];
    net.getParameters(p);
    return p;
  }
}
