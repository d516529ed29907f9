package dev.neurogen.toolkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.FloatNetwork;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.Precision;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.OptimizerSnapshot;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.toolkit.Nets_IrisFloatImpl;
import dev.neurogen.toolkit.Nets_IrisImpl;
import dev.neurogen.toolkit.TestData;
import dev.neurogen.toolkit.data.DataSet;
import dev.neurogen.toolkit.data.Split;
import dev.neurogen.toolkit.preprocess.Standardizer;
import dev.neurogen.toolkit.train.FitConfig;
import dev.neurogen.toolkit.train.Trainer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files of float networks: float32 values widened to F64, exact both ways, loadable by the double twin. */
class FloatModelFileTest {
  @TempDir Path dir;

  private static final Split SPLIT = Split.of(TestData.iris(), 0.7, 0.15, 0.15, 11L);
  private static final Standardizer SCALER = Standardizer.fit(SPLIT.train());
  private static final DataSet TRAIN = SCALER.transform(SPLIT.train());
  private static final FitConfig CONFIG = FitConfig.builder().epochs(5).batchSize(16).seed(7L)
      .optimizer(Adam.of(0.01)).build();

  private static float[] parameters(FloatNetwork net) {
    float[] p = new float[net.parameterCount()];
    net.getParameters(p);
    return p;
  }

  private static double[] parameters(NeuralNetwork net) {
    double[] p = new double[net.parameterCount()];
    net.getParameters(p);
    return p;
  }

  private static Model model(Nets_IrisFloatImpl net) {
    return Model.builder(net).scaler(SCALER).classNames(SPLIT.train().classNames()).seed(7L).build();
  }

  /** The F64 values of the file's tensor data, in order. */
  private static double[] tensorData(byte[] file) {
    ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int start = 8 + (int) buffer.getLong(0);
    double[] values = new double[(file.length - start) / 8];
    buffer.position(start);
    buffer.asDoubleBuffer().get(values);
    return values;
  }

  @Test
  void aFloatModelRoundTripsBitForBitAndLoadsIntoItsDoubleTwin() throws IOException {
    Nets_IrisFloatImpl net = new Nets_IrisFloatImpl(1L);
    Trainer.fit(net, TRAIN, null, CONFIG);
    Model model = model(net);
    Path file = dir.resolve("float.safetensors");
    ModelFile.save(model, file);

    // stored as F64: the parameters (the first tensors) are floats widened exactly; the scaler,
    // applied in double, stays double
    byte[] bytes = Files.readAllBytes(file);
    double[] data = tensorData(bytes);
    float[] trained = parameters(net);
    for (int k = 0; k < trained.length; k++) {
      assertEquals(trained[k], data[k], 0, "parameter " + k);
    }
    assertArrayEquals(SCALER.center(), java.util.Arrays.copyOfRange(data, trained.length, trained.length + 4));
    ModelInfo info = ModelFile.inspect(file);
    assertEquals("FLOAT", info.metadata().get("precision"));
    assertEquals("4-16-3", info.topology());

    // into a float network: bit for bit, the same predictions, the same bytes when saved again
    Nets_IrisFloatImpl other = new Nets_IrisFloatImpl(2L);
    Model loaded = ModelFile.load(file, other);
    assertEquals(Precision.FLOAT, loaded.precision());
    assertArrayEquals(parameters(net), parameters(other));
    assertEquals(model.scaler(), loaded.scaler());
    assertEquals(List.of("setosa", "versicolor", "virginica"), loaded.classNames());
    for (int r = 0; r < SPLIT.test().size(); r++) {
      double[] row = SPLIT.test().featureRow(r);
      assertArrayEquals(model.predict(row), loaded.predict(row));
    }
    assertArrayEquals(bytes, ModelFile.toBytes(loaded));

    // into the double twin: the float values exactly, widened; its predictions agree to float accuracy
    Nets_IrisImpl twin = new Nets_IrisImpl(3L);
    Model doubleModel = ModelFile.load(file, twin);
    assertEquals(Precision.DOUBLE, doubleModel.precision());
    float[] floats = parameters(net);
    double[] doubles = parameters(twin);
    for (int k = 0; k < floats.length; k++) {
      assertEquals(floats[k], doubles[k], 0, "parameter " + k);
    }
    for (int r = 0; r < SPLIT.test().size(); r++) {
      double[] row = SPLIT.test().featureRow(r);
      assertArrayEquals(doubleModel.predict(row), model.predict(row), 1e-5);
      assertEquals(doubleModel.classify(row), model.classify(row));
    }
    // saved from the double twin: the same tensors, no precision entry
    byte[] twinBytes = ModelFile.toBytes(doubleModel);
    assertArrayEquals(tensorData(bytes), tensorData(twinBytes));
    ModelFile.save(doubleModel, dir.resolve("double.safetensors"));
    assertFalse(ModelFile.inspect(dir.resolve("double.safetensors")).metadata().containsKey("precision"));
  }

  @Test
  void aDoubleModelLoadsIntoTheFloatTwinRounded() throws IOException {
    Nets_IrisImpl twin = new Nets_IrisImpl(1L);
    Trainer.fit(twin, TRAIN, null, CONFIG);
    Path file = dir.resolve("double.safetensors");
    ModelFile.save(Model.of(twin, SCALER, SPLIT.train().classNames()), file);
    Nets_IrisFloatImpl net = new Nets_IrisFloatImpl(5L);
    ModelFile.load(file, net);
    double[] doubles = parameters(twin);
    float[] floats = parameters(net);
    boolean rounded = false;
    for (int k = 0; k < floats.length; k++) {
      assertEquals((float) doubles[k], floats[k], 0, "parameter " + k);
      rounded |= floats[k] != doubles[k];
    }
    assertTrue(rounded, "trained double parameters are not all floats");
  }

  @Test
  void aParameterBeyondFloatRangeIsRejectedAndTheNetworkIsUnchanged() throws IOException {
    Nets_IrisImpl twin = new Nets_IrisImpl(1L);
    double[] p = parameters(twin);
    p[0] = 1e39; // finite in double, infinite in float
    twin.setParameters(p);
    Path file = dir.resolve("big.safetensors");
    ModelFile.save(Model.of(twin, null, List.of()), file);
    Nets_IrisFloatImpl net = new Nets_IrisFloatImpl(5L);
    float[] before = parameters(net);
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file, net));
    assertEquals(file + ": parameter W1[0][0] is 1.0E39, beyond float's range (about 3.4e38), so the float network"
        + " cannot hold it", e.getMessage());
    assertArrayEquals(before, parameters(net));
  }

  @Test
  void aFloatOptimizerStateSavedWithTheModelResumesTrainingExactly() throws IOException {
    Nets_IrisFloatImpl net = new Nets_IrisFloatImpl(1L);
    OptimizerState state = CONFIG.optimizer().newState();
    Trainer.fit(net, TRAIN, null, CONFIG, state);
    assertEquals(Precision.FLOAT, state.precision());
    Path file = dir.resolve("resume.safetensors");
    ModelFile.save(model(net), state, file);
    FitConfig more = CONFIG.toBuilder().epochs(3).seed(8L).build();
    Trainer.fit(net, TRAIN, null, more, state);

    Nets_IrisFloatImpl resumed = new Nets_IrisFloatImpl(99L);
    ModelFile.load(file, resumed);
    OptimizerSnapshot snapshot = ModelFile.readOptimizerSnapshot(file).orElseThrow();
    OptimizerState restored = more.optimizer().newState();
    restored.restore(snapshot);
    Trainer.fit(resumed, TRAIN, null, more, restored);
    assertArrayEquals(parameters(net), parameters(resumed));
  }
}
