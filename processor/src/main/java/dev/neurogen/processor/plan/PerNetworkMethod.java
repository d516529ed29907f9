package dev.neurogen.processor.plan;

/**
 * The generated methods whose code grows with the number of layers, with the planner's estimate of
 * their bytecode: a fixed part plus a part per layer. A method whose estimate fits {@link
 * Planner#PER_NETWORK_METHOD_BUDGET} is written whole, as it reads best; a larger one is written as
 * a dispatcher that calls one method per {@link LayerRange} of consecutive layers (see {@link
 * NetworkPlan#chunks}), so that no generated method reaches HotSpot's 8,000-byte JIT limit however
 * deep the network is.
 *
 * <p>The figures per layer are upper bounds of the bytecode javac writes for one layer's part,
 * measured on networks of 300 layers of 4 and 16 units (unrolled) and of 64 and 200 units (looped),
 * where every offset is beyond {@code sipush} range, plus about a fifth for margin; {@code
 * BytecodeSizeTest} checks the real sizes of deep networks.
 */
public enum PerNetworkMethod {
  /**
   * The constructor with the field initialisers of every layer's weights, biases, gradients and
   * activation and delta buffers (about 14 bytes per {@code new double[a][b]} field). When split,
   * those fields are allocated by per-range methods that the constructor calls.
   */
  CONSTRUCTOR(120, 70, 110),
  /**
   * The static initialiser: {@code LAYER_SIZES = {...}} costs up to 8 bytes per size. When split,
   * the sizes are parsed from one string constant instead.
   */
  STATIC_INITIALISER(60, 8, 8),
  GET_PARAMETERS(40, 40, 80),
  SET_PARAMETERS(60, 40, 110),
  CLEAR_GRADIENTS(10, 24, 50),
  EXPORT_GRADIENTS(20, 85, 120),
  APPLY_GRADIENTS(10, 95, 200),
  FORWARD_SAMPLE(20, 8, 8),
  FORWARD_BLOCK(40, 24, 8),
  BACKWARD_BLOCK(20, 50, 24),
  /** Batch prediction's forward pass (a loop over the slots per unrolled layer, like FORWARD_BLOCK). */
  PREDICT_BLOCK(40, 24, 8),
  /**
   * The single-sample shortcut: per layer a propagate call, the divergence guard's reach statement
   * (about 30 bytes) and a descend call, in two passes; the fixed part holds the guard.
   */
  TRAIN_SAMPLE(220, 60, 60);

  /** Estimated bytes of a chunk method beyond its layers' code (return, and slack). */
  static final int BYTES_PER_CHUNK_METHOD = 10;

  /** Estimated bytes of one call of a chunk method in the dispatcher (loads of up to three arguments, invoke). */
  static final int BYTES_PER_CHUNK_CALL = 10;

  private final int fixedBytes;
  private final int unrolledLayerBytes;
  private final int loopedLayerBytes;

  PerNetworkMethod(int fixedBytes, int unrolledLayerBytes, int loopedLayerBytes) {
    this.fixedBytes = fixedBytes;
    this.unrolledLayerBytes = unrolledLayerBytes;
    this.loopedLayerBytes = loopedLayerBytes;
  }

  /** Estimated bytecode of the method's code that does not repeat per layer. */
  public int fixedBytes() {
    return fixedBytes;
  }

  /** Estimated bytecode of one layer's part of the method. */
  public int layerBytes(LayerPlan layer) {
    return layer.shape() == KernelShape.LOOPED ? loopedLayerBytes : unrolledLayerBytes;
  }
}
