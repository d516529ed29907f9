package dev.neurogen.processor.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Activation;
import dev.neurogen.CodeStyle;
import dev.neurogen.Loss;
import dev.neurogen.ParameterLayout;
import dev.neurogen.Precision;
import dev.neurogen.processor.model.NetworkDeclaration;
import dev.neurogen.processor.model.NetworkModel;
import dev.neurogen.processor.model.NetworkRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The planner's decisions. Which layers unroll follows the documented rule: at most 256
 * multiply-adds, and an estimated 14 bytes per multiply-add plus 40 per row (the larger of inputs
 * and outputs) within 6,000 bytes, three quarters of HotSpot's 8,000-byte limit. The expected
 * shapes below are worked out by hand from that rule; BytecodeSizeTest checks the real sizes.
 */
class PlannerTest {

  @Test
  void smallNetworkUnrollsEveryLayerAndNeedsNoBlock() {
    NetworkPlan plan = plan(Loss.MSE, 2, 2, 2, 1);
    assertShapes(plan, KernelShape.UNROLLED, KernelShape.UNROLLED, KernelShape.UNROLLED);
    assertEquals(1, plan.blockSize());
    assertFalse(plan.hasLoopedLayer());
    assertKeepsRows(plan, false, false, false);
  }

  /** 16 x 16 = 256 multiply-adds, estimated 14 * 256 + 40 * 16 = 4,224 bytes: unrolled. */
  @Test
  void layersAtTheMultiplyAddLimitUnroll() {
    NetworkPlan plan = plan(Loss.CROSS_ENTROPY, 16, 16, 16, 3);
    assertShapes(plan, KernelShape.UNROLLED, KernelShape.UNROLLED, KernelShape.UNROLLED);
    assertEquals(1, plan.blockSize());
  }

  /** 16 x 17 = 272 multiply-adds, one row over the limit. */
  @Test
  void aLayerJustOverTheMultiplyAddLimitLoops() {
    NetworkPlan plan = plan(Loss.MSE, 16, 17);
    assertShapes(plan, KernelShape.LOOPED);
    assertEquals(Planner.LOOPED_BLOCK_SIZE, plan.blockSize());
  }

  /**
   * 256 x 1 and 1 x 256 have 256 multiply-adds but are estimated at 14 * 256 + 40 * 256 = 13,824
   * bytes, over the budget: they loop.
   */
  @ParameterizedTest
  @ValueSource(strings = {"256,1", "1,256"})
  void longThinLayersLoopBecauseOfTheByteBudget(String sizes) {
    int[] layers = Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray();
    NetworkPlan plan = plan(Loss.MSE, layers);
    assertShapes(plan, KernelShape.LOOPED);
    assertEquals(Planner.LOOPED_BLOCK_SIZE, plan.blockSize());
  }

  /**
   * 75 x 2: 150 multiply-adds, 14 * 150 + 40 * 75 = 5,100 bytes, unrolled. 100 x 2: 200
   * multiply-adds, under the count limit, but 2,800 + 4,000 = 6,800 bytes: looped.
   */
  @Test
  void theByteBudgetDecidesBelowTheMultiplyAddLimit() {
    assertShapes(plan(Loss.MSE, 75, 2), KernelShape.UNROLLED);
    assertShapes(plan(Loss.MSE, 100, 2), KernelShape.LOOPED);
  }

  @Test
  void largeNetworkLoopsEverywhereWithRowMirrorsAfterTheFirstLayer() {
    NetworkPlan plan = plan(Loss.CROSS_ENTROPY, 784, 512, 256, 10);
    assertShapes(plan, KernelShape.LOOPED, KernelShape.LOOPED, KernelShape.LOOPED);
    assertEquals(Planner.LOOPED_BLOCK_SIZE, plan.blockSize());
    assertKeepsRows(plan, false, true, true);
  }

  /** One looped layer makes the whole network work in blocks; unrolled layers keep no mirror. */
  @Test
  void mixedNetworkUsesBlocksAndMirrorsOnlyLoopedLayers() {
    // 64x32 = 2048 looped; 32x10 = 320 looped; 10x3 = 30 unrolled
    NetworkPlan plan = plan(Loss.HINGE, 64, 32, 10, 3);
    assertShapes(plan, KernelShape.LOOPED, KernelShape.LOOPED, KernelShape.UNROLLED);
    assertEquals(Planner.LOOPED_BLOCK_SIZE, plan.blockSize());
    assertKeepsRows(plan, false, true, false);
  }

  @Test
  void layersKnowTheirSizesActivationsAndWhichIsTheOutput() {
    NetworkPlan plan = plan(Loss.BINARY_CROSS_ENTROPY, Activation.TANH, 5, 7, 4, 2);
    assertEquals(3, plan.layerCount());
    int[] sizes = {5, 7, 4, 2};
    for (int l = 1; l <= 3; l++) {
      LayerPlan layer = plan.layer(l);
      assertEquals(l, layer.index());
      assertEquals(sizes[l - 1], layer.inputs());
      assertEquals(sizes[l], layer.outputs());
      assertEquals(l == 3, layer.isOutput());
      assertEquals(l == 3 ? Activation.SIGMOID : Activation.TANH, layer.activation());
    }
    assertEquals(plan.layer(3), plan.outputLayer());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2,2,2,1", "4,8,3", "16,16,16,3", "64,32,10", "784,512,256,10", "1,256", "3,1,1,1,5"})
  void offsetsMatchTheRuntimeParameterLayout(String sizes) {
    int[] layers = Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray();
    NetworkPlan plan = plan(Loss.MSE, layers);
    ParameterLayout layout = ParameterLayout.of(layers);
    assertEquals(layout.layerCount(), plan.layerCount());
    for (int l = 1; l <= layout.layerCount(); l++) {
      assertEquals(layout.weightOffset(l), plan.layer(l).weightOffset(), "weight offset of layer " + l);
      assertEquals(layout.biasOffset(l), plan.layer(l).biasOffset(), "bias offset of layer " + l);
    }
    assertEquals(layout.parameterCount(), plan.parameterCount());
  }

  /**
   * A 2-3-1 MSE network, counted by hand with the CostReport convention (a multiply-add is 2
   * FLOPs, any other operation or activation 1):
   *
   * <pre>
   * parameters  W1 3x2 = 6, b1 3, W2 1x3 = 3, b2 1                      = 13
   * predict     layer 1: 2*6 + 3 (bias) + 3 (f) = 18; layer 2: 2*3 + 1 + 1 = 8   = 26
   * backward    layer 1: dW 2*6 + db 3 + delta*f' 2*3                    = 21
   *             layer 2: dW 2*3 + db 1 + delta*f' 2*1 + W2^T delta 2*3   = 15
   * train       forward 26 + backward 36                                 = 62
   * scratch     block 1: z0 2, z1 3, z2 1, logit 1, delta0 2, delta1 3, delta2 1,
   *             target 1 = 14 doubles                                    = 112 bytes
   * parameters  13 weights and biases + 13 gradient accumulators         = 208 bytes
   * </pre>
   */
  @Test
  void costOfASmallNetworkByHand() {
    CostReport cost = plan(Loss.MSE, 2, 3, 1).cost();
    assertEquals(13, cost.parameters());
    assertEquals(26, cost.predictFlops());
    assertEquals(62, cost.trainFlopsPerSample());
    assertEquals(112, cost.scratchBytes());
    assertEquals(208, cost.parameterBytes());
  }

  /**
   * A 64-32-10 CROSS_ENTROPY network (both layers looped, block of LOOPED_BLOCK_SIZE):
   *
   * <pre>
   * parameters  2048 + 32 + 320 + 10                                        = 2,410
   * predict     layer 1: 2*2048 + 2*32 = 4,160; layer 2: 2*320 + 2*10 = 660  = 4,820
   * backward    layer 1: 2*2048 + 32 + 2*32 = 4,192
   *             layer 2: 2*320 + 10 + 2*10 + 2*320 = 1,310
   * train       4,820 + 4,192 + 1,310                                       = 10,322
   * scratch     per slot z0 64, z1 32, z2 10, logit 10, delta0 64, delta1 32, delta2 10,
   *             target 10, softmax max and sum 2 = 234 doubles;
   *             32 slots = 7,488 doubles                                    = 59,904 bytes
   * parameters  2 * 2,410 + row mirror of W2 (320)  = 5,140 doubles         = 41,120 bytes
   * </pre>
   */
  @Test
  void costOfALoopedNetworkByHand() {
    CostReport cost = plan(Loss.CROSS_ENTROPY, 64, 32, 10).cost();
    assertEquals(2410, cost.parameters());
    assertEquals(4820, cost.predictFlops());
    assertEquals(10322, cost.trainFlopsPerSample());
    assertEquals(59904, cost.scratchBytes());
    assertEquals(41120, cost.parameterBytes());
  }

  /** The same 64-32-10 network with {@code precision = FLOAT}: the same counts, 4 bytes an element. */
  @Test
  void aFloatNetworkNeedsHalfTheBytes() {
    CostReport cost = plan(Loss.CROSS_ENTROPY, Activation.SIGMOID, Precision.FLOAT, 64, 32, 10).cost();
    assertEquals(10322, cost.trainFlopsPerSample());
    assertEquals(59904 / 2, cost.scratchBytes());
    assertEquals(41120 / 2, cost.parameterBytes());
    assertEquals(59904 / 2 + 41120 / 2 + 2410 * 8, cost.peakBytes());
  }

  @Test
  void costDescriptionNamesTheNetworkAndItsFigures() {
    String text = plan(Loss.MSE, 2, 3, 1).cost().describe("Tiny");
    assertTrue(text.startsWith("neurogen: Tiny has 13 parameters"), text);
    assertTrue(text.contains("predict costs 26 FLOPs"), text);
    assertTrue(text.contains("a training step 62 FLOPs per sample plus 26 per SGD update"), text);
    assertTrue(text.contains("scratch memory 112 bytes"), text);
    assertTrue(text.contains("208 bytes per instance"), text);
  }

  // ------------------------------------------------------------------ helpers

  private static NetworkPlan plan(Loss loss, int... layers) {
    return plan(loss, Activation.SIGMOID, layers);
  }

  // ------------------------------------------------------------------ per-network method budget

  /** A shallow network keeps every per-network method whole: one range of all its layers. */
  @Test
  void shallowNetworksKeepEveryPerNetworkMethodWhole() {
    for (NetworkPlan plan : List.of(plan(Loss.MSE, 2, 2, 2, 1), plan(Loss.CROSS_ENTROPY, 784, 512, 256, 10))) {
      for (PerNetworkMethod method : PerNetworkMethod.values()) {
        assertEquals(List.of(new LayerRange(1, plan.layerCount())), plan.chunks(method), method.name());
        assertFalse(plan.splits(method), method.name());
      }
    }
  }

  /**
   * The greedy cut by hand: fixed 100 bytes and 1,000 per layer make 10 layers 10,100 bytes, over
   * the 6,000 budget; a chunk holds its 10 bytes plus five layers (5,010), not six (6,010).
   */
  @Test
  void chunksAreCutGreedilyWithinTheBudget() {
    List<LayerPlan> layers = plan(Loss.MSE, sizes(4, 11)).layers();
    assertEquals(10, layers.size());
    assertEquals(List.of(new LayerRange(1, 5), new LayerRange(6, 10)), Planner.chunks(layers, 100, l -> 1000));
    assertEquals(List.of(new LayerRange(1, 10)), Planner.chunks(layers, 100, l -> 590));
    assertEquals(List.of(new LayerRange(1, 6), new LayerRange(7, 10)), Planner.chunks(layers, 100, l -> 998));
  }

  /**
   * At the deepest network the rules accept, every per-network method's chunks and dispatcher fit
   * the budget by the plan's own estimates, for unrolled and for looped layers.
   */
  @Test
  void theDeepestNetworksFitTheBudget() {
    for (int width : new int[] {3, 64}) {
      NetworkPlan plan = plan(Loss.MSE, sizes(width, NetworkRules.MAX_WEIGHT_LAYERS + 1));
      for (PerNetworkMethod method : PerNetworkMethod.values()) {
        List<LayerRange> chunks = plan.chunks(method);
        assertTrue(chunks.size() > 1, method + " is split at width " + width);
        assertEquals(1, chunks.get(0).first());
        assertEquals(plan.layerCount(), chunks.get(chunks.size() - 1).last());
        for (int c = 0; c < chunks.size(); c++) {
          if (c > 0) {
            assertEquals(chunks.get(c - 1).last() + 1, chunks.get(c).first(), "ranges are consecutive");
          }
          long bytes = PerNetworkMethod.BYTES_PER_CHUNK_METHOD;
          for (int l = chunks.get(c).first(); l <= chunks.get(c).last(); l++) {
            bytes += method.layerBytes(plan.layer(l));
          }
          assertTrue(bytes <= Planner.PER_NETWORK_METHOD_BUDGET, method + " chunk " + chunks.get(c) + ": " + bytes);
        }
        assertTrue(method.fixedBytes() + chunks.size() * PerNetworkMethod.BYTES_PER_CHUNK_CALL
            <= Planner.PER_NETWORK_METHOD_BUDGET);
      }
    }
  }

  /**
   * The memory warning compares the peak (instance plus initialize's flat array) with the
   * threshold. 1000-1000 MSE: P = 1,001,000; 2 * 8 * P = 16,016,000 bytes of parameters and
   * gradients; scratch 6 * 32 * 1000 doubles = 1,536,000 bytes; peak 16,016,000 + 1,536,000 +
   * 8,008,000 = 25,560,000 bytes.
   */
  @Test
  void memoryWarningAboveTheThresholdOnly() {
    NetworkPlan plan = plan(Loss.MSE, 1000, 1000);
    assertEquals(25_560_000L, plan.cost().peakBytes());
    assertFalse(Planner.memoryWarning(plan, 25_560_000L).isPresent());
    String text = Planner.memoryWarning(plan, 25_559_999L).orElseThrow().text();
    assertTrue(text.startsWith("[NetworkMemory] one instance of Net needs 24.4 MiB of heap while it is constructed"
        + " and 16.7 MiB after (1,001,000 parameters"), text);
  }

  private static int[] sizes(int width, int count) {
    int[] sizes = new int[count];
    Arrays.fill(sizes, width);
    return sizes;
  }

  private static NetworkPlan plan(Loss loss, Activation hidden, int... layers) {
    return plan(loss, hidden, Precision.DOUBLE, layers);
  }

  private static NetworkPlan plan(Loss loss, Activation hidden, Precision precision, int... layers) {
    List<Integer> sizes = new ArrayList<>();
    for (int size : layers) {
      sizes.add(size);
    }
    NetworkDeclaration declaration =
        new NetworkDeclaration(
            "p", "Net", "an interface", true, true, List.of(), false, Optional.empty(), false,
            List.of(), List.of(), Optional.empty(), sizes, hidden, List.of(), loss, CodeStyle.PORTABLE, true, false,
            Optional.empty(), precision);
    NetworkRules.Result result = NetworkRules.validate(declaration);
    assertEquals(List.of(), result.problems());
    NetworkModel model = result.model().orElseThrow();
    return Planner.plan(model);
  }

  private static void assertShapes(NetworkPlan plan, KernelShape... expected) {
    List<KernelShape> actual = new ArrayList<>();
    for (LayerPlan layer : plan.layers()) {
      actual.add(layer.shape());
    }
    assertEquals(List.of(expected), actual);
  }

  private static void assertKeepsRows(NetworkPlan plan, boolean... expected) {
    assertEquals(expected.length, plan.layerCount());
    for (int l = 1; l <= expected.length; l++) {
      assertEquals(expected[l - 1], plan.layer(l).keepsRows(), "keepsRows of layer " + l);
    }
  }
}
