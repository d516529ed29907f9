#!/usr/bin/python3
"""Independent reference vectors for the generated networks, computed with PyTorch in float64.

Rerun (from the repository root; writes the .txt files next to this script and replaces them):

    /usr/bin/python3 functional-tests/src/test/resources/reference/make_reference.py

Use Debian's python3-torch (/usr/bin/python3). CI never runs this script: PyTorchReferenceTest
reads the committed .txt files. Nothing here uses neurogen code; every number comes from torch
autograd applied to the definitions in the project contract:

  layer l:  a_l = W_l z_{l-1} + b_l,  z_l = f_l(a_l),  z_0 = x,  W_l is n_l x n_{l-1}
  CROSS_ENTROPY          -sum_k y_k log softmax(a)_k      (y one-hot from a label, or a given row)
  BINARY_CROSS_ENTROPY   -sum_k [y_k log p_k + (1-y_k) log(1-p_k)],  p = sigmoid(a)
  MSE                    1/2 sum_k (z_k - y_k)^2           (z = output activation)
  HINGE (Weston-Watkins) sum_{j != y} max(0, s_j - s_y + 1), s = raw outputs (identity)
  batch loss = mean of the per-sample losses; LEAKY_RELU slope 0.01 for a <= 0.

File format (one file per case, plain text, UTF-8):
  * Lines starting with '#' are comments (the header names the torch version and the case).
  * Every other line is whitespace-separated tokens. Read all tokens in order as a stream:
      key value...                   scalar entries, one per line:
        case <name>                  the case name (= file name without .txt)
        network <Interface>          nested interface in ReferenceNets (generated ReferenceNets_<Interface>Impl)
        layers <n> <s0> ... <sL>     n layer sizes, input first
        hidden <ACT>  output <ACT>  loss <LOSS>   (hidden may be <ACT>,<ACT>,...: one per hidden layer)
        targets LABELS|ROWS          how the batch is labelled (int labels or row-major target rows)
        batch <B>
      <section> <count>              followed by <count> numbers (spread over any number of lines):
        parameters     flat layout W_1 row-major, b_1, W_2, b_2, ..., W_L, b_L
        inputs         row-major B x n0
        labels         B ints (only when targets LABELS)
        target_rows    row-major B x nL (only when targets ROWS)
        mean_loss      1 number: mean loss over the batch
        gradient       gradient of the mean loss, same layout as parameters
        input_gradient gradient of the mean loss w.r.t. inputs, row-major B x n0
        outputs        forward outputs z_L of every sample, row-major B x nL
      end                            last token of the file
  * Numbers are Python repr() of float64 values: the shortest string that round-trips exactly,
    so Java's Double.parseDouble recovers the identical double.
  * index.txt lists the case names, one per line (same '#' comments).
"""

import os

import torch

torch.set_default_dtype(torch.float64)

HERE = os.path.dirname(os.path.abspath(__file__))


def activation(name, a):
  if name == "SIGMOID":
    return torch.sigmoid(a)
  if name == "TANH":
    return torch.tanh(a)
  if name == "RELU":
    return torch.relu(a)
  if name == "LEAKY_RELU":
    return torch.where(a > 0, a, 0.01 * a)
  if name == "IDENTITY":
    return a
  if name == "SOFTMAX":
    return torch.softmax(a, dim=-1)
  raise ValueError(name)


def per_sample_loss(loss, output_act, a, z, labels, rows):
  """Per-sample losses (vector of length B) from logits a and outputs z of the last layer."""
  n_out = a.shape[1]
  if loss == "CROSS_ENTROPY":
    assert output_act == "SOFTMAX"
    y = rows if rows is not None else torch.nn.functional.one_hot(labels, n_out).to(a.dtype)
    return -(y * torch.log_softmax(a, dim=1)).sum(dim=1)
  if loss == "BINARY_CROSS_ENTROPY":
    assert output_act == "SIGMOID"
    # Equal to -[y log p + (1-y) log(1-p)] with p = sigmoid(a), computed stably by torch.
    return torch.nn.functional.binary_cross_entropy_with_logits(a, rows, reduction="none").sum(dim=1)
  if loss == "MSE":
    return 0.5 * ((z - rows) ** 2).sum(dim=1)
  if loss == "HINGE":
    assert output_act == "IDENTITY"
    s = a
    s_y = s.gather(1, labels.view(-1, 1))
    margins = torch.clamp(s - s_y + 1.0, min=0.0)
    not_y = 1.0 - torch.nn.functional.one_hot(labels, n_out).to(s.dtype)
    return (margins * not_y).sum(dim=1)
  raise ValueError(loss)


class Case:
  def __init__(self, name, network, layers, hidden, output, loss, batch, seed, targets,
               weight_scale=None, bias_override=None, labels_override=None):
    self.name = name
    self.network = network
    self.layers = layers
    self.hidden = hidden
    self.output = output
    self.loss = loss
    self.batch = batch
    self.seed = seed
    self.targets = targets  # "LABELS" or "ROWS"
    self.weight_scale = weight_scale
    self.bias_override = bias_override  # {layer index l: list of biases}, for the large-logit case
    self.labels_override = labels_override  # fixed labels, so that every class (also a losing one) occurs


def hidden_activation(case, l):
  """Activation of hidden layer l + 1: case.hidden is one name for every hidden layer, or
  comma-separated names, one per hidden layer (@Network hiddenActivations)."""
  names = case.hidden.split(",")
  return names[0] if len(names) == 1 else names[l]


def draw(case):
  """Seeded parameters, inputs and targets, all drawn with torch."""
  g = torch.Generator().manual_seed(case.seed)

  def uniform(shape, lo, hi):
    return lo + (hi - lo) * torch.rand(shape, generator=g)

  weights, biases = [], []
  for l in range(1, len(case.layers)):
    fan_in, fan_out = case.layers[l - 1], case.layers[l]
    # uniform(-1, 1), narrowed for wide layers so that the pre-activations stay O(1) and the
    # sigmoid/tanh layers do not saturate (saturation would hide the derivative).
    scale = case.weight_scale if case.weight_scale is not None else min(1.0, (6.0 / fan_in) ** 0.5)
    weights.append(uniform((fan_out, fan_in), -scale, scale))
    if case.bias_override and l in case.bias_override:
      biases.append(torch.tensor(case.bias_override[l]))
    else:
      biases.append(uniform((fan_out,), -0.2, 0.2))

  n0, n_out, b = case.layers[0], case.layers[-1], case.batch
  inputs = uniform((b, n0), -1.0, 1.0)
  labels, rows = None, None
  if case.targets == "LABELS":
    labels = torch.randint(0, n_out, (b,), generator=g)
    if case.labels_override is not None:
      labels = torch.tensor(case.labels_override)
  elif case.loss == "CROSS_ENTROPY":
    # Soft labels: multiples of 1/64 summing to exactly 1 (some entries may be 0), so that the
    # contract's loss and gradient do not depend on how a row's rounding error is treated.
    counts = torch.zeros((b, n_out), dtype=torch.int64)
    for s in range(b):
      cuts = torch.sort(torch.randint(0, 65, (n_out - 1,), generator=g)).values
      edges = torch.cat([torch.tensor([0]), cuts, torch.tensor([64])])
      counts[s] = edges[1:] - edges[:-1]
    rows = counts.to(torch.float64) / 64.0
  elif case.loss == "BINARY_CROSS_ENTROPY":
    rows = uniform((b, n_out), 0.0, 1.0)
    rows[0] = (rows[0] > 0.5).to(torch.float64)  # a hard 0/1 row next to soft ones
  elif case.output in ("SIGMOID", "RELU"):
    rows = uniform((b, n_out), 0.0, 1.0)
  else:
    rows = uniform((b, n_out), -1.0, 1.0)
  return weights, biases, inputs, labels, rows


def compute(case):
  weights, biases, inputs, labels, rows = draw(case)
  params = []
  for w, bias in zip(weights, biases):
    params += [w.requires_grad_(True), bias.requires_grad_(True)]
  x = inputs.clone().requires_grad_(True)

  z = x
  n_layers = len(weights)
  for l in range(n_layers):
    a = z @ weights[l].T + biases[l]
    z = activation(case.output if l == n_layers - 1 else hidden_activation(case, l), a)
  losses = per_sample_loss(case.loss, case.output, a, z, labels, rows)
  mean_loss = losses.mean()
  grads = torch.autograd.grad(mean_loss, params + [x])

  flat = lambda tensors: torch.cat([t.detach().reshape(-1) for t in tensors])
  return {
      "parameters": flat(params),
      "inputs": inputs.reshape(-1),
      "labels": labels,
      "target_rows": None if rows is None else rows.reshape(-1),
      "loss": mean_loss.detach().reshape(1),
      "gradient": flat(grads[:-1]),
      "input_gradient": grads[-1].reshape(-1),
      "outputs": z.detach().reshape(-1),
  }


def write_section(out, key, values, per_line):
  values = values.tolist()
  out.write("%s %d\n" % (key, len(values)))
  for i in range(0, len(values), per_line):
    out.write(" ".join(repr(v) for v in values[i:i + per_line]) + "\n")


def write_case(case):
  r = compute(case)
  n0, n_out = case.layers[0], case.layers[-1]
  path = os.path.join(HERE, case.name + ".txt")
  with open(path, "w", encoding="utf-8") as out:
    out.write("# neurogen reference vectors, computed by make_reference.py with torch %s in float64\n"
              % torch.__version__)
    out.write("# network %s %s hidden=%s output=%s loss=%s, batch %d, seed %d\n"
              % (case.network, case.layers, case.hidden, case.output, case.loss, case.batch, case.seed))
    out.write("case %s\n" % case.name)
    out.write("network %s\n" % case.network)
    out.write("layers %d %s\n" % (len(case.layers), " ".join(str(s) for s in case.layers)))
    out.write("hidden %s\noutput %s\nloss %s\n" % (case.hidden, case.output, case.loss))
    out.write("targets %s\nbatch %d\n" % (case.targets, case.batch))
    write_section(out, "parameters", r["parameters"], 8)
    write_section(out, "inputs", r["inputs"], n0)
    if case.targets == "LABELS":
      write_section(out, "labels", r["labels"], 32)
    else:
      write_section(out, "target_rows", r["target_rows"], n_out)
    write_section(out, "mean_loss", r["loss"], 1)
    write_section(out, "gradient", r["gradient"], 8)
    write_section(out, "input_gradient", r["input_gradient"], n0)
    write_section(out, "outputs", r["outputs"], n_out)
    out.write("end\n")
  return r


SMALL = [4, 6, 5, 3]

# Keep the network names in step with ReferenceNets.java (same layers, activations and loss).
CASES = [
    # Third tutorial: 2-2-2-1, sigmoid everywhere, MSE.
    Case("tutorial3_batch1", "Tutorial3", [2, 2, 2, 1], "SIGMOID", "SIGMOID", "MSE", 1, 301, "ROWS"),
    Case("tutorial3_batch3", "Tutorial3", [2, 2, 2, 1], "SIGMOID", "SIGMOID", "MSE", 3, 303, "ROWS"),
    # First tutorial: 3-4-4-3, sigmoid hidden, softmax + cross-entropy.
    Case("tutorial1_labels_batch1", "Tutorial1", [3, 4, 4, 3], "SIGMOID", "SOFTMAX", "CROSS_ENTROPY", 1, 101, "LABELS"),
    Case("tutorial1_labels_batch3", "Tutorial1", [3, 4, 4, 3], "SIGMOID", "SOFTMAX", "CROSS_ENTROPY", 3, 103, "LABELS"),
    Case("tutorial1_soft_batch3", "Tutorial1", [3, 4, 4, 3], "SIGMOID", "SOFTMAX", "CROSS_ENTROPY", 3, 113, "ROWS"),
    # Every hidden activation and every output/loss pairing on {4, 6, 5, 3}.
    Case("tanh_ce_labels", "TanhCe", SMALL, "TANH", "SOFTMAX", "CROSS_ENTROPY", 5, 1, "LABELS"),
    Case("leaky_relu_ce_soft", "LeakyReluCe", SMALL, "LEAKY_RELU", "SOFTMAX", "CROSS_ENTROPY", 4, 2, "ROWS"),
    Case("relu_bce_sigmoid", "ReluBce", SMALL, "RELU", "SIGMOID", "BINARY_CROSS_ENTROPY", 4, 3, "ROWS"),
    Case("sigmoid_bce_sigmoid", "SigmoidBce", SMALL, "SIGMOID", "SIGMOID", "BINARY_CROSS_ENTROPY", 3, 4, "ROWS"),
    Case("leaky_relu_mse_identity", "LeakyReluMseIdentity", SMALL, "LEAKY_RELU", "IDENTITY", "MSE", 3, 5, "ROWS"),
    Case("identity_mse_sigmoid", "IdentityMseSigmoid", SMALL, "IDENTITY", "SIGMOID", "MSE", 3, 6, "ROWS"),
    Case("identity_mse_tanh", "IdentityMseTanh", SMALL, "IDENTITY", "TANH", "MSE", 4, 7, "ROWS"),
    Case("tanh_mse_relu", "TanhMseRelu", SMALL, "TANH", "RELU", "MSE", 6, 8, "ROWS"),
    Case("sigmoid_mse_leaky_relu", "SigmoidMseLeakyRelu", SMALL, "SIGMOID", "LEAKY_RELU", "MSE", 6, 9, "ROWS"),
    Case("relu_hinge_identity", "ReluHinge", SMALL, "RELU", "IDENTITY", "HINGE", 5, 10, "LABELS"),
    Case("leaky_relu_hinge_identity", "LeakyReluHinge", SMALL, "LEAKY_RELU", "IDENTITY", "HINGE", 4, 11, "LABELS"),
    # No hidden layer.
    Case("no_hidden_ce_labels", "NoHiddenCe", [5, 3], "SIGMOID", "SOFTMAX", "CROSS_ENTROPY", 3, 20, "LABELS"),
    Case("no_hidden_mse_tanh", "NoHiddenMseTanh", [5, 3], "SIGMOID", "TANH", "MSE", 2, 21, "ROWS"),
    # Five weight layers.
    Case("deep_tanh_ce_labels", "DeepTanhCe", [6, 8, 7, 6, 5, 4], "TANH", "SOFTMAX", "CROSS_ENTROPY", 3, 30, "LABELS"),
    Case("deep_relu_mse_identity", "DeepReluMse", [6, 8, 7, 6, 5, 4], "RELU", "IDENTITY", "MSE", 2, 31, "ROWS"),
    # Layers with inputs * outputs > 256, which the processor writes as loops; batch 32 and
    # batch 7 (not a multiple of 4: the tail path).
    Case("large_tanh_mse_batch32", "LargeTanhMse", [20, 40, 30, 5], "TANH", "IDENTITY", "MSE", 32, 40, "ROWS"),
    Case("large_tanh_mse_batch7", "LargeTanhMse", [20, 40, 30, 5], "TANH", "IDENTITY", "MSE", 7, 41, "ROWS"),
    Case("large_sigmoid_ce_batch32", "LargeSigmoidCe", [64, 32, 10], "SIGMOID", "SOFTMAX", "CROSS_ENTROPY", 32, 42, "LABELS"),
    Case("large_sigmoid_ce_soft_batch7", "LargeSigmoidCe", [64, 32, 10], "SIGMOID", "SOFTMAX", "CROSS_ENTROPY", 7, 43, "ROWS"),
    Case("large_leaky_relu_hinge_batch7", "LargeLeakyReluHinge", [20, 40, 30, 5], "LEAKY_RELU", "IDENTITY", "HINGE", 7, 44, "LABELS"),
    Case("large_relu_bce_batch7", "LargeReluBce", [20, 40, 30, 5], "RELU", "SIGMOID", "BINARY_CROSS_ENTROPY", 7, 45, "ROWS"),
    # One activation per hidden layer (hiddenActivations): unrolled, and looped then unrolled.
    Case("mixed_ce_labels", "MixedCe", [4, 6, 5, 4, 3], "RELU,TANH,LEAKY_RELU", "SOFTMAX", "CROSS_ENTROPY", 5, 60,
         "LABELS"),
    Case("mixed_large_mse_batch7", "MixedLargeMse", [20, 40, 30, 6, 4], "TANH,RELU,SIGMOID", "IDENTITY", "MSE", 7, 61,
         "ROWS"),
    Case("mixed_large_mse_batch32", "MixedLargeMse", [20, 40, 30, 6, 4], "TANH,RELU,SIGMOID", "IDENTITY", "MSE", 32,
         62, "ROWS"),
    # Logits around +-50: tanh hidden units are bounded, small output weights, output biases
    # +-50. Softmax and log-softmax must not overflow or lose the small probabilities.
    Case("large_logits_ce_labels", "LargeLogitsCe", [4, 6, 3], "TANH", "SOFTMAX", "CROSS_ENTROPY", 6, 50, "LABELS",
         bias_override={2: [50.0, -50.0, 47.5]}, labels_override=[0, 1, 2, 0, 1, 2]),
    Case("large_logits_ce_soft", "LargeLogitsCe", [4, 6, 3], "TANH", "SOFTMAX", "CROSS_ENTROPY", 4, 51, "ROWS",
         bias_override={2: [-49.0, 50.0, -50.5]}),
]


def main():
  names = []
  for case in CASES:
    r = write_case(case)
    names.append(case.name)
    print("%-32s loss %.6g  max|grad| %.3g  max|out| %.3g"
          % (case.name, r["loss"].item(), r["gradient"].abs().max().item(), r["outputs"].abs().max().item()))
  with open(os.path.join(HERE, "index.txt"), "w", encoding="utf-8") as out:
    out.write("# Cases written by make_reference.py (torch %s, float64); one file <case>.txt each.\n"
              % torch.__version__)
    for name in names:
      out.write(name + "\n")


if __name__ == "__main__":
  main()
