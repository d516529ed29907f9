package dev.neurogen.toolkit.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.neurogen.Activation;
import dev.neurogen.FloatNetwork;
import dev.neurogen.Loss;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.ParameterLayout;
import dev.neurogen.Precision;
import dev.neurogen.optim.OptimizerSnapshot;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.toolkit.preprocess.MinMaxScaler;
import dev.neurogen.toolkit.preprocess.Scaler;
import dev.neurogen.toolkit.preprocess.Standardizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Saves and loads {@link Model}s in neurogen's model file format, version {@value #FORMAT_VERSION}:
 * the <a href="https://github.com/huggingface/safetensors">safetensors</a> layout, so other tools
 * (PyTorch, NumPy) read the parameters without executing code.
 *
 * <pre>
 * bytes 0..7     N, unsigned 64-bit little-endian: length of the header
 * bytes 8..8+N   header: UTF-8 JSON object, padded with spaces so 8 + N is a multiple of 8
 * then           data: the tensors' raw little-endian float64 values, in header order, no gaps
 * </pre>
 *
 * The header maps {@code "__metadata__"} to string-to-string entries and each tensor name to
 * {@code {"dtype":"F64","shape":[...],"data_offsets":[begin,end]}} (offsets into the data). Tensors:
 * {@code W1} (shape [n1, n0], row-major: row = output unit), {@code b1} ([n1]), ..., {@code WL},
 * {@code bL} (the flat parameter layout of {@link ParameterLayout}); {@code scaler.center} and
 * {@code scaler.scale} ([n0]) if the model has a scaler; {@code optimizer.<buffer>} ([parameter
 * count], flat layout, PyTorch's state names such as {@code exp_avg}) if the optimizer state is
 * saved. Metadata, in this order: {@code format}
 * ({@code "neurogen-model"}), {@code format_version} ({@code "1"}), {@code layer_sizes} ({@code
 * "4,16,3"}), {@code activations} (layers 1..L, {@code "TANH,SOFTMAX"}), {@code loss}, {@code
 * precision} ({@code "FLOAT"}, for a float network only), {@code class_names} (a JSON array as a string; {@code "[]"} for a regressor), {@code threshold}, {@code
 * scaler} ({@code standardizer}, {@code min-max} or {@code none}), {@code seed} (if known), {@code
 * optimizer} (its settings, {@code toString()}), {@code optimizer_name} and {@code
 * optimizer_steps} (if the state is saved), and last {@code checksum}: {@code "sha256:"} and 64 lowercase hex digits of the SHA-256 of the whole
 * file as written with those 64 digits replaced by {@code '0'}. So every byte is covered, and a
 * file damaged anywhere is rejected. The JSON is compact (no spaces) and written in this fixed
 * order with no timestamps, so the same model always gives the same bytes.
 *
 * <p><b>Float networks</b> ({@code precision = Precision.FLOAT}) are saved in the same format: their
 * float parameters widened to {@code F64} (exact), with the metadata entry {@code precision} =
 * {@code "FLOAT"} after {@code loss} (files of double networks have no such entry). So a file
 * loads bit for bit into a float network ({@link #load(Path, FloatNetwork)}), and into its double
 * twin unchanged; a double network's file loads into the float twin rounded to the nearest float.
 * The scaler stays double, and a float optimizer state is saved widened, as its snapshot holds it.
 *
 * <p>Saving is atomic: the file is written to a temporary file in the same folder, forced to disk
 * and moved over the target with {@code ATOMIC_MOVE}, so a reader sees the old file or the new one,
 * never a partial one. Loading never writes.
 */
public final class ModelFile {
  /** The format version this class writes and reads. */
  public static final int FORMAT_VERSION = 1;
  /** Value of the {@code format} metadata entry. */
  public static final String FORMAT = "neurogen-model";

  private static final String CHECKSUM_PREFIX = "sha256:";
  private static final String ZERO_DIGEST = "0".repeat(64);
  private static final long MAX_HEADER = 100L * 1024 * 1024;
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ModelFile() {}

  // ------------------------------------------------------------------------------------- save

  /**
   * Writes {@code model} to {@code file} atomically (temporary file in the same folder, force,
   * atomic move), replacing any existing file.
   *
   * @throws IOException if the file cannot be written (the target is then unchanged)
   */
  public static void save(Model model, Path file) throws IOException {
    Objects.requireNonNull(model, "model must not be null");
    write(toBytes(model, null), file);
  }

  /**
   * Writes {@code model} and the optimizer state {@code optimizer} (so training can resume
   * exactly, see {@link #readOptimizerSnapshot}) to {@code file} atomically.
   *
   * @throws IllegalArgumentException if the state's buffers do not fit the network
   * @throws IOException if the file cannot be written (the target is then unchanged)
   */
  public static void save(Model model, OptimizerState optimizer, Path file) throws IOException {
    Objects.requireNonNull(model, "model must not be null");
    Objects.requireNonNull(optimizer, "optimizer must not be null");
    write(toBytes(model, optimizer), file);
  }

  private static void write(byte[] bytes, Path file) throws IOException {
    Objects.requireNonNull(file, "file must not be null");
    Path target = file.toAbsolutePath();
    Path folder = target.getParent();
    Path temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot save " + file + " atomically: the file system of " + folder
            + " does not support atomic moves", e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The bytes {@link #save(Model, Path)} writes for {@code model}. */
  public static byte[] toBytes(Model model) {
    return toBytes(model, null);
  }

  private static byte[] toBytes(Model model, OptimizerState optimizer) {
    ModelNetwork net = model.modelNetwork();
    int[] sizes = net.layerSizes();
    int layers = sizes.length - 1;
    double[] parameters = new double[net.parameterCount()];
    net.getParameters(parameters);
    ParameterLayout layout = ParameterLayout.of(sizes);

    List<Tensor> tensors = new ArrayList<>();
    for (int l = 1; l <= layers; l++) {
      tensors.add(new Tensor("W" + l, new int[] {sizes[l], sizes[l - 1]},
          Arrays.copyOfRange(parameters, layout.weightOffset(l), layout.weightOffset(l) + sizes[l] * sizes[l - 1])));
      tensors.add(new Tensor("b" + l, new int[] {sizes[l]},
          Arrays.copyOfRange(parameters, layout.biasOffset(l), layout.biasOffset(l) + sizes[l])));
    }
    Scaler scaler = model.scaler().orElse(null);
    if (scaler != null) {
      tensors.add(new Tensor("scaler.center", new int[] {sizes[0]}, scaler.center()));
      tensors.add(new Tensor("scaler.scale", new int[] {sizes[0]}, scaler.scale()));
    }

    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", FORMAT);
    metadata.put("format_version", Integer.toString(FORMAT_VERSION));
    metadata.put("layer_sizes", join(Arrays.stream(sizes).mapToObj(Integer::toString).toList()));
    List<String> activations = new ArrayList<>();
    for (int l = 1; l <= layers; l++) {
      activations.add(net.activation(l).name());
    }
    metadata.put("activations", join(activations));
    metadata.put("loss", net.loss().name());
    if (net.precision() == Precision.FLOAT) {
      metadata.put("precision", net.precision().name());
    }
    metadata.put("class_names", jsonArray(model.classNames()));
    metadata.put("threshold", Double.toString(model.threshold()));
    metadata.put("scaler", scaler == null ? "none" : scaler.kind());
    model.seed().ifPresent(seed -> metadata.put("seed", Long.toString(seed)));
    if (optimizer != null) {
      OptimizerSnapshot snapshot = optimizer.snapshot();
      if (!snapshot.bufferNames().isEmpty() && snapshot.bufferLength() != parameters.length) {
        throw new IllegalArgumentException("optimizer state has " + snapshot.bufferLength() + " values per buffer but the"
            + " network has " + parameters.length + " parameters; save the state that trained this network");
      }
      metadata.put("optimizer", optimizer.optimizer().toString());
      metadata.put("optimizer_name", snapshot.optimizerName());
      metadata.put("optimizer_steps", Long.toString(snapshot.steps()));
      for (String buffer : snapshot.bufferNames()) {
        tensors.add(new Tensor("optimizer." + buffer, new int[] {parameters.length}, snapshot.buffer(buffer)));
      }
    }
    metadata.put("checksum", CHECKSUM_PREFIX + ZERO_DIGEST);

    byte[] file = layout(metadata, tensors);
    String digest = HexFormat.of().formatHex(sha256(file));
    int at = checksumPosition(file, ZERO_DIGEST);
    byte[] hex = digest.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(hex, 0, file, at, hex.length);
    return file;
  }

  private record Tensor(String name, int[] shape, double[] values) {}

  private static byte[] layout(Map<String, String> metadata, List<Tensor> tensors) {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try (JsonGenerator out = JSON.createGenerator(json)) {
      out.writeStartObject();
      out.writeObjectFieldStart("__metadata__");
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        out.writeStringField(e.getKey(), e.getValue());
      }
      out.writeEndObject();
      long offset = 0;
      for (Tensor t : tensors) {
        out.writeObjectFieldStart(t.name);
        out.writeStringField("dtype", "F64");
        out.writeArrayFieldStart("shape");
        for (int d : t.shape) {
          out.writeNumber(d);
        }
        out.writeEndArray();
        out.writeArrayFieldStart("data_offsets");
        out.writeNumber(offset);
        offset += 8L * t.values.length;
        out.writeNumber(offset);
        out.writeEndArray();
        out.writeEndObject();
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    byte[] header = json.toByteArray();
    int padded = (header.length + 7) / 8 * 8;
    long dataBytes = 0;
    for (Tensor t : tensors) {
      dataBytes += 8L * t.values.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(8 + padded + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(padded);
    buffer.put(header);
    for (int i = header.length; i < padded; i++) {
      buffer.put((byte) ' ');
    }
    for (Tensor t : tensors) {
      for (double v : t.values) {
        buffer.putDouble(v);
      }
    }
    return buffer.array();
  }

  // ------------------------------------------------------------------------------------- load

  /**
   * Loads the model in {@code file} into {@code network}, which must have the same layer sizes,
   * activations and loss as the network that was saved; its parameters are replaced only if the
   * whole file is valid.
   *
   * @throws ModelFileException if the file is truncated, damaged, of an unknown version, or made
   *     for a different network (the message names the difference)
   * @throws IOException if the file cannot be read
   */
  public static Model load(Path file, NeuralNetwork network) throws IOException {
    Objects.requireNonNull(network, "network must not be null");
    return load(file, Files.readAllBytes(file), ModelNetwork.of(network));
  }

  /**
   * Loads the model in {@code file} into the float network {@code network} ({@code precision =
   * Precision.FLOAT}), like {@link #load(Path, NeuralNetwork)}: each parameter is rounded to the
   * nearest float, which changes nothing for a file saved from a float network (its values are
   * floats widened to double) and rounds those of a double network's file.
   *
   * @throws ModelFileException as the double form, or if a parameter is beyond float's range
   *     (about 3.4e38)
   * @throws IOException if the file cannot be read
   */
  public static Model load(Path file, FloatNetwork network) throws IOException {
    Objects.requireNonNull(network, "network must not be null");
    return load(file, Files.readAllBytes(file), ModelNetwork.of(network));
  }

  /** {@link #load(Path, NeuralNetwork)} of bytes already read; {@code file} names them in messages. */
  static Model load(Path file, byte[] bytes, NeuralNetwork network) throws ModelFileException {
    return load(file, bytes, ModelNetwork.of(network));
  }

  /** {@link #load(Path, FloatNetwork)} of bytes already read; {@code file} names them in messages. */
  static Model load(Path file, byte[] bytes, FloatNetwork network) throws ModelFileException {
    return load(file, bytes, ModelNetwork.of(network));
  }

  private static Model load(Path file, byte[] bytes, ModelNetwork network) throws ModelFileException {
    Parsed parsed = parse(file, bytes);
    ModelInfo info = parsed.info;
    String where = file.toString();
    int[] sizes = network.layerSizes();
    if (!info.layerSizes().equals(Arrays.stream(sizes).boxed().toList())) {
      throw new ModelFileException(where + " holds a " + info.topology() + " network but the given network is "
          + join(Arrays.stream(sizes).mapToObj(Integer::toString).toList()).replace(',', '-'));
    }
    if (info.loss() != network.loss()) {
      throw new ModelFileException(where + " was trained with loss " + info.loss() + " but the given network has loss "
          + network.loss());
    }
    for (int l = 1; l < sizes.length; l++) {
      if (info.activations().get(l - 1) != network.activation(l)) {
        throw new ModelFileException(where + ": layer " + l + " has activation " + info.activations().get(l - 1)
            + " in the file but " + network.activation(l) + " in the given network");
      }
    }
    ParameterLayout layout = ParameterLayout.of(sizes);
    double[] parameters = new double[network.parameterCount()];
    for (int l = 1; l < sizes.length; l++) {
      double[] w = parsed.tensor("W" + l, sizes[l], sizes[l - 1]);
      System.arraycopy(w, 0, parameters, layout.weightOffset(l), w.length);
      double[] b = parsed.tensor("b" + l, sizes[l]);
      System.arraycopy(b, 0, parameters, layout.biasOffset(l), b.length);
    }
    Scaler scaler = null;
    if (!info.scalerKind().equals("none")) {
      double[] center = parsed.tensor("scaler.center", sizes[0]);
      double[] scale = parsed.tensor("scaler.scale", sizes[0]);
      try {
        scaler = info.scalerKind().equals("standardizer") ? Standardizer.of(center, scale) : MinMaxScaler.of(center, scale);
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(where + ": the scaler is invalid: " + e.getMessage(), e);
      }
    }
    for (int k = 0; k < parameters.length; k++) {
      if (!Double.isFinite(parameters[k])) {
        throw new ModelFileException(where + ": parameter " + layout.describe(k) + " is " + parameters[k]);
      }
      if (network.precision() == Precision.FLOAT && !Float.isFinite((float) parameters[k])) {
        throw new ModelFileException(where + ": parameter " + layout.describe(k) + " is " + parameters[k]
            + ", beyond float's range (about 3.4e38), so the float network cannot hold it");
      }
    }
    Model.Builder builder = Model.builder(network).scaler(scaler).classNames(info.classNames()).threshold(info.threshold());
    info.seed().ifPresent(builder::seed);
    Model model;
    try {
      model = builder.build();
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(where + ": " + e.getMessage(), e);
    }
    network.setParameters(parameters);
    return model;
  }

  /**
   * Reads and checks what {@code file} declares, without a network.
   *
   * @throws ModelFileException if the file is truncated, damaged or of an unknown version
   * @throws IOException if the file cannot be read
   */
  public static ModelInfo inspect(Path file) throws IOException {
    return parse(file, Files.readAllBytes(file)).info;
  }

  /**
   * The optimizer state saved in {@code file}, if any; pass it to {@code state.restore(...)} of a
   * fresh state of the same optimizer ({@code config.optimizer().newState()}) to resume training.
   *
   * @throws ModelFileException if the file is truncated, damaged or of an unknown version
   * @throws IOException if the file cannot be read
   */
  public static Optional<OptimizerSnapshot> readOptimizerSnapshot(Path file) throws IOException {
    Parsed parsed = parse(file, Files.readAllBytes(file));
    Map<String, String> metadata = parsed.info.metadata();
    String name = metadata.get("optimizer_name");
    if (name == null) {
      return Optional.empty();
    }
    long parameters = 0;
    List<Integer> sizes = parsed.info.layerSizes();
    for (int l = 1; l < sizes.size(); l++) {
      parameters += (long) sizes.get(l) * (sizes.get(l - 1) + 1);
    }
    Map<String, double[]> buffers = new LinkedHashMap<>();
    for (String tensor : parsed.shapes.keySet()) {
      if (tensor.startsWith("optimizer.")) {
        buffers.put(tensor.substring("optimizer.".length()), parsed.tensor(tensor, (int) parameters));
      }
    }
    try {
      return Optional.of(OptimizerSnapshot.of(name, Long.parseLong(metadata.getOrDefault("optimizer_steps", "")), buffers));
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file + ": the optimizer state is invalid: " + e.getMessage(), e);
    }
  }

  private static final class Parsed {
    final String where;
    final ModelInfo info;
    final Map<String, long[]> shapes = new LinkedHashMap<>();
    final Map<String, long[]> offsets = new LinkedHashMap<>();
    final ByteBuffer data;

    Parsed(String where, ModelInfo info, ByteBuffer data) {
      this.where = where;
      this.info = info;
      this.data = data;
    }

    double[] tensor(String name, int... shape) throws ModelFileException {
      long[] stored = shapes.get(name);
      if (stored == null) {
        throw new ModelFileException(where + ": tensor '" + name + "' is missing");
      }
      if (!Arrays.equals(stored, Arrays.stream(shape).asLongStream().toArray())) {
        throw new ModelFileException(where + ": tensor '" + name + "' has shape " + Arrays.toString(stored) + ", expected "
            + Arrays.toString(shape));
      }
      long[] range = offsets.get(name);
      double[] values = new double[(int) ((range[1] - range[0]) / 8)];
      ByteBuffer slice = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      slice.position((int) range[0]);
      slice.asDoubleBuffer().get(values);
      return values;
    }
  }

  private static Parsed parse(Path file, byte[] bytes) throws ModelFileException {
    String where = file.toString();
    if (bytes.length < 8) {
      throw new ModelFileException(where + " is truncated: " + bytes.length + " bytes, a model file has at least 8");
    }
    long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 2 || headerLength > MAX_HEADER) {
      throw new ModelFileException(where + " is not a model file or is damaged: header length " + Long.toUnsignedString(headerLength)
          + " is out of range");
    }
    if (headerLength > bytes.length - 8) {
      throw new ModelFileException(where + " is truncated: the header needs " + headerLength + " bytes but only "
          + (bytes.length - 8) + " follow the length");
    }
    int dataStart = 8 + (int) headerLength;
    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    Map<String, long[]> offsets = new LinkedHashMap<>();
    Map<String, String> dtypes = new LinkedHashMap<>();
    try (JsonParser in = JSON.createParser(bytes, 8, (int) headerLength)) {
      expect(in.nextToken(), JsonToken.START_OBJECT, where);
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String name = in.currentName();
        if (metadata.containsKey(name) || shapes.containsKey(name) || (name.equals("__metadata__") && !metadata.isEmpty())) {
          throw new ModelFileException(where + " is damaged: header key '" + name + "' appears twice");
        }
        expect(in.nextToken(), JsonToken.START_OBJECT, where);
        if (name.equals("__metadata__")) {
          while (in.nextToken() == JsonToken.FIELD_NAME) {
            String key = in.currentName();
            expect(in.nextToken(), JsonToken.VALUE_STRING, where);
            if (metadata.put(key, in.getText()) != null) {
              throw new ModelFileException(where + " is damaged: metadata key '" + key + "' appears twice");
            }
          }
        } else {
          while (in.nextToken() == JsonToken.FIELD_NAME) {
            String key = in.currentName();
            switch (key) {
              case "dtype":
                expect(in.nextToken(), JsonToken.VALUE_STRING, where);
                dtypes.put(name, in.getText());
                break;
              case "shape":
                shapes.put(name, longs(in, where));
                break;
              case "data_offsets":
                offsets.put(name, longs(in, where));
                break;
              default:
                throw new ModelFileException(where + " is damaged: tensor '" + name + "' has unknown key '" + key + "'");
            }
          }
          if (!dtypes.containsKey(name) || !shapes.containsKey(name) || !offsets.containsKey(name)) {
            throw new ModelFileException(where + " is damaged: tensor '" + name + "' lacks dtype, shape or data_offsets");
          }
        }
      }
      if (in.nextToken() != null) {
        throw new ModelFileException(where + " is damaged: text after the header's JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new ModelFileException(where + " is damaged or not a model file: the header is not valid JSON ("
          + e.getOriginalMessage() + ")", e);
    } catch (ModelFileException e) {
      throw e;
    } catch (IOException e) {
      throw new ModelFileException(where + ": cannot read the header: " + e.getMessage(), e);
    }
    for (int i = dataStart - 1; i >= 8 && bytes[i] != '}'; i--) {
      if (bytes[i] != ' ') {
        throw new ModelFileException(where + " is damaged: the header's padding holds a byte other than a space");
      }
    }

    if (!FORMAT.equals(metadata.get("format"))) {
      throw new ModelFileException(where + " is not a neurogen model file: metadata 'format' is "
          + (metadata.containsKey("format") ? "'" + metadata.get("format") + "'" : "missing") + ", expected '" + FORMAT + "'");
    }
    String version = metadata.get("format_version");
    if (!Integer.toString(FORMAT_VERSION).equals(version)) {
      throw new ModelFileException(where + " has format version " + (version == null ? "(missing)" : "'" + version + "'")
          + "; this version of neurogen reads version " + FORMAT_VERSION + " only (a newer neurogen may read it)");
    }

    // tensors: F64, consistent shapes, contiguous offsets covering the data exactly
    long expected = 0;
    for (String name : shapes.keySet()) {
      if (!"F64".equals(dtypes.get(name))) {
        throw new ModelFileException(where + ": tensor '" + name + "' has dtype " + dtypes.get(name) + "; only F64 is read");
      }
      long[] range = offsets.get(name);
      long count = 1;
      for (long d : shapes.get(name)) {
        if (d < 0) {
          throw new ModelFileException(where + " is damaged: tensor '" + name + "' has a negative dimension");
        }
        count *= d;
      }
      if (range.length != 2 || range[0] != expected || range[1] - range[0] != 8 * count) {
        throw new ModelFileException(where + " is damaged: tensor '" + name + "' has data_offsets " + Arrays.toString(range)
            + " but its shape " + Arrays.toString(shapes.get(name)) + " after " + expected + " bytes needs ["
            + expected + ", " + (expected + 8 * count) + "]");
      }
      expected = range[1];
    }
    long dataLength = bytes.length - (long) dataStart;
    if (dataLength < expected) {
      throw new ModelFileException(where + " is truncated: the header describes " + expected + " bytes of tensor data but "
          + dataLength + " are present");
    }
    if (dataLength > expected) {
      throw new ModelFileException(where + " is damaged: " + (dataLength - expected) + " bytes follow the last tensor");
    }

    String checksum = metadata.get("checksum");
    if (checksum == null || !checksum.startsWith(CHECKSUM_PREFIX) || checksum.length() != CHECKSUM_PREFIX.length() + 64) {
      throw new ModelFileException(where + " is damaged: the checksum entry is missing or malformed");
    }
    String stored = checksum.substring(CHECKSUM_PREFIX.length());
    byte[] copy = bytes.clone();
    int at;
    try {
      at = checksumPosition(Arrays.copyOf(copy, dataStart), stored);
    } catch (IllegalStateException e) {
      throw new ModelFileException(where + " is damaged: the checksum entry is not where it is written", e);
    }
    Arrays.fill(copy, at, at + 64, (byte) '0');
    String computed = HexFormat.of().formatHex(sha256(copy));
    if (!computed.equals(stored)) {
      throw new ModelFileException(where + " is damaged: its SHA-256 checksum does not match (stored " + stored
          + ", computed " + computed + ")");
    }

    ModelInfo info = info(where, metadata);
    for (String name : shapes.keySet()) {
      if (!expectedTensor(name, info)) {
        throw new ModelFileException(where + ": unexpected tensor '" + name + "'");
      }
    }
    Parsed parsed = new Parsed(where, info, ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice());
    parsed.shapes.putAll(shapes);
    parsed.offsets.putAll(offsets);
    return parsed;
  }

  private static boolean expectedTensor(String name, ModelInfo info) {
    int layers = info.layerSizes().size() - 1;
    for (int l = 1; l <= layers; l++) {
      if (name.equals("W" + l) || name.equals("b" + l)) {
        return true;
      }
    }
    return (!info.scalerKind().equals("none") && (name.equals("scaler.center") || name.equals("scaler.scale")))
        || (name.startsWith("optimizer.") && info.metadata().containsKey("optimizer_name"));
  }

  private static ModelInfo info(String where, Map<String, String> metadata) throws ModelFileException {
    try {
      List<Integer> sizes = new ArrayList<>();
      for (String s : require(where, metadata, "layer_sizes").split(",", -1)) {
        int size = Integer.parseInt(s);
        if (size < 1) {
          throw new ModelFileException(where + ": layer size " + size + " is not positive");
        }
        sizes.add(size);
      }
      if (sizes.size() < 2) {
        throw new ModelFileException(where + ": layer_sizes needs at least two sizes");
      }
      List<Activation> activations = new ArrayList<>();
      for (String s : require(where, metadata, "activations").split(",", -1)) {
        activations.add(Activation.valueOf(s));
      }
      if (activations.size() != sizes.size() - 1) {
        throw new ModelFileException(where + ": " + activations.size() + " activations for " + (sizes.size() - 1) + " layers");
      }
      Loss loss = Loss.valueOf(require(where, metadata, "loss"));
      List<String> classNames = parseJsonArray(where, require(where, metadata, "class_names"));
      double threshold = Double.parseDouble(require(where, metadata, "threshold"));
      String scaler = require(where, metadata, "scaler");
      if (!List.of("none", "standardizer", "min-max").contains(scaler)) {
        throw new ModelFileException(where + ": unknown scaler '" + scaler + "'");
      }
      String seedText = metadata.get("seed");
      OptionalLong seed = seedText == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(seedText));
      return new ModelInfo(FORMAT_VERSION, sizes, activations, loss, classNames, scaler, threshold, seed,
          metadata.getOrDefault("optimizer", ""), metadata);
    } catch (IllegalArgumentException e) { // NumberFormatException and enum valueOf
      throw new ModelFileException(where + ": a metadata value is invalid: " + e.getMessage(), e);
    }
  }

  private static String require(String where, Map<String, String> metadata, String key) throws ModelFileException {
    String value = metadata.get(key);
    if (value == null) {
      throw new ModelFileException(where + ": metadata entry '" + key + "' is missing");
    }
    return value;
  }

  private static void expect(JsonToken actual, JsonToken expected, String where) throws ModelFileException {
    if (actual != expected) {
      throw new ModelFileException(where + " is damaged: the header has " + actual + " where " + expected + " belongs");
    }
  }

  private static long[] longs(JsonParser in, String where) throws IOException {
    expect(in.nextToken(), JsonToken.START_ARRAY, where);
    List<Long> values = new ArrayList<>();
    JsonToken token;
    while ((token = in.nextToken()) == JsonToken.VALUE_NUMBER_INT) {
      values.add(in.getLongValue());
    }
    expect(token, JsonToken.END_ARRAY, where);
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  private static int checksumPosition(byte[] header, String digest) {
    byte[] needle = ("\"checksum\":\"" + CHECKSUM_PREFIX + digest + "\"").getBytes(StandardCharsets.US_ASCII);
    int found = -1;
    outer:
    for (int i = 0; i + needle.length <= header.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (header[i + j] != needle[j]) {
          continue outer;
        }
      }
      if (found >= 0) {
        throw new IllegalStateException("checksum entry appears twice");
      }
      found = i;
    }
    if (found < 0) {
      throw new IllegalStateException("checksum entry not found");
    }
    return found + needle.length - 1 - 64;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String join(List<String> values) {
    return String.join(",", values);
  }

  private static String jsonArray(List<String> values) {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try (JsonGenerator out = JSON.createGenerator(json)) {
      out.writeStartArray();
      for (String v : values) {
        out.writeString(v);
      }
      out.writeEndArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    return json.toString(StandardCharsets.UTF_8);
  }

  private static List<String> parseJsonArray(String where, String text) throws ModelFileException {
    List<String> values = new ArrayList<>();
    try (JsonParser in = JSON.createParser(text)) {
      expect(in.nextToken(), JsonToken.START_ARRAY, where);
      JsonToken token;
      while ((token = in.nextToken()) == JsonToken.VALUE_STRING) {
        values.add(in.getText());
      }
      expect(token, JsonToken.END_ARRAY, where);
      if (in.nextToken() != null) {
        throw new ModelFileException(where + ": text after the class_names array");
      }
    } catch (ModelFileException e) {
      throw e;
    } catch (IOException e) {
      throw new ModelFileException(where + ": class_names is not a JSON array of strings: " + e.getMessage(), e);
    }
    return values;
  }
}
