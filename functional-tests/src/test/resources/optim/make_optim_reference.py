#!/usr/bin/python3
"""Reference vectors for the optimizers and learning-rate schedules, computed with PyTorch's own
torch.optim optimizers and torch.optim.lr_scheduler schedulers in float64.

Rerun (from the repository root; writes the .txt files next to this script and replaces them):

    /usr/bin/python3 functional-tests/src/test/resources/optim/make_optim_reference.py

Use Debian's python3-torch (/usr/bin/python3). CI never runs this script: OptimizerReferenceTest
reads the committed .txt files. Nothing here uses neurogen code. The network and loss follow the
project contract (see ../reference/make_reference.py): a_l = W_l z_(l-1) + b_l, z_l = f_l(a_l),
batch loss = mean of per-sample losses; CROSS_ENTROPY -sum_k y_k log softmax(a)_k, MSE
1/2 sum_k (z_k - y_k)^2. Every parameter (weights and biases) is in one parameter group, so the
optimizers decay biases too: the Java side uses decayBiases(true) to match.

Each case trains for STEPS steps: step i uses batch i % len(batches); after optimizer.step() the
scheduler (if any) is stepped once, so step i runs with the scheduler's i-th learning rate.

File format (whitespace-separated tokens, '#' lines are comments; numbers are Python repr() of
float64 values, which Java's Double.parseDouble reads back exactly):
  case <name>
  network <Interface>                 nested interface in ReferenceNets
  layers <n> <s0> ... <sL>
  targets LABELS|ROWS
  batch <B>
  steps <S>
  optimizer <name> <k>  key value ... (k pairs)   sgd | adam | adamw | rmsprop, torch's argument names
  schedule <kind> <k> key value ...                none | step | exponential | cosine; warm-up as
                                                   keys warmup_steps and start_factor
  parameters <n> ...                  initial, flat layout W_1 row-major, b_1, ..., W_L, b_L
  batches <m>, then m times: inputs <n> ... and labels <B> ... or target_rows <n> ...
  losses <S> ...                      mean loss of each step, before its update
  rates <S> ...                       the learning rate each step used
  final_parameters <n> ...
  state <name> <n> ...                each optimizer state buffer after the last step, flat layout
  end
"""

import math
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 6


def activation(name, a):
  return {"TANH": torch.tanh, "IDENTITY": lambda t: t, "SOFTMAX": lambda t: torch.softmax(t, dim=-1)}[name](a)


NETWORKS = {
    # unrolled throughout (every layer <= 256 multiply-adds)
    "small": dict(network="TanhCe", layers=[4, 6, 5, 3], hidden="TANH", output="SOFTMAX",
                  loss="CROSS_ENTROPY", targets="LABELS", batch=5),
    # layers 1 and 2 looped (20 x 40, 40 x 30: column storage, layer 2 with its row mirror), batch 32
    "large": dict(network="LargeTanhMse", layers=[20, 40, 30, 5], hidden="TANH", output="IDENTITY",
                  loss="MSE", targets="ROWS", batch=32),
}


def draw(net, seed, batches):
  g = torch.Generator().manual_seed(seed)
  uniform = lambda shape, lo, hi: lo + (hi - lo) * torch.rand(shape, generator=g)
  layers = net["layers"]
  params = []
  for l in range(1, len(layers)):
    scale = min(1.0, (6.0 / layers[l - 1]) ** 0.5)
    params.append(uniform((layers[l], layers[l - 1]), -scale, scale))
    params.append(uniform((layers[l],), -0.2, 0.2))
  data = []
  for _ in range(batches):
    x = uniform((net["batch"], layers[0]), -1.0, 1.0)
    if net["targets"] == "LABELS":
      y = torch.randint(0, layers[-1], (net["batch"],), generator=g)
    else:
      y = uniform((net["batch"], layers[-1]), -1.0, 1.0)
    data.append((x, y))
  return params, data


def batch_loss(net, params, x, y):
  z = x
  n = len(params) // 2
  for l in range(n):
    a = z @ params[2 * l].T + params[2 * l + 1]
    z = activation(net["output"] if l == n - 1 else net["hidden"], a)
  if net["loss"] == "CROSS_ENTROPY":
    per_sample = -torch.log_softmax(a, dim=1).gather(1, y.view(-1, 1)).view(-1)
  else:
    per_sample = 0.5 * ((z - y) ** 2).sum(dim=1)
  return per_sample.mean()


def make_optimizer(params, kind, args):
  return {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW,
          "rmsprop": torch.optim.RMSprop}[kind](params, **args)


def make_scheduler(opt, kind, args):
  s = torch.optim.lr_scheduler
  args = dict(args)
  warmup = args.pop("warmup_steps", None)
  start = args.pop("start_factor", None)
  main = None
  if kind == "step":
    main = s.StepLR(opt, step_size=int(args["step_size"]), gamma=args["gamma"])
  elif kind == "exponential":
    main = s.ExponentialLR(opt, gamma=args["gamma"])
  elif kind == "cosine":
    main = s.CosineAnnealingLR(opt, T_max=int(args["T_max"]), eta_min=args["eta_min"])
  elif kind == "none":
    main = None
  if warmup is None:
    return main
  lin = s.LinearLR(opt, start_factor=start, end_factor=1.0, total_iters=int(warmup))
  if main is None:
    main = s.ConstantLR(opt, factor=1.0, total_iters=0)
  return s.SequentialLR(opt, schedulers=[lin, main], milestones=[int(warmup)])


def flat(tensors):
  return torch.cat([t.detach().reshape(-1) for t in tensors])


def write_section(out, key, values, per_line=8):
  values = [float(v) for v in values] if not isinstance(values[0], int) else values
  out.write("%s %d\n" % (key, len(values)))
  for i in range(0, len(values), per_line):
    out.write(" ".join(repr(v) for v in values[i:i + per_line]) + "\n")


def pairs(d):
  """key value pairs; betas=(b1, b2) is written as beta1 b1 beta2 b2, booleans as 0 or 1."""
  items = []
  for k, v in d.items():
    if k == "betas":
      items += [("beta1", float(v[0])), ("beta2", float(v[1]))]
    else:
      items.append((k, int(v) if isinstance(v, bool) else float(v)))
  return "%d %s" % (len(items), " ".join("%s %r" % kv for kv in items))


def run(name, net_key, seed, kind, args, schedule="none", schedule_args=None, batches=2):
  net = NETWORKS[net_key]
  schedule_args = schedule_args or {}
  initial, data = draw(net, seed, batches)
  params = [torch.nn.Parameter(p.clone()) for p in initial]
  opt = make_optimizer(params, kind, args)
  sched = make_scheduler(opt, schedule, schedule_args)
  losses, rates = [], []
  for i in range(STEPS):
    x, y = data[i % batches]
    opt.zero_grad()
    loss = batch_loss(net, params, x, y)
    loss.backward()
    rates.append(opt.param_groups[0]["lr"])
    opt.step()
    if sched is not None:
      sched.step()
    losses.append(loss.item())
  state_names = {"sgd": ["momentum_buffer"], "adam": ["exp_avg", "exp_avg_sq"], "adamw": ["exp_avg", "exp_avg_sq"],
                 "rmsprop": ["square_avg", "momentum_buffer", "grad_avg"]}[kind]
  states = []
  for key in state_names:
    buffers = [opt.state[p].get(key) for p in params]
    if all(b is not None for b in buffers):
      states.append((key, flat(buffers)))
  with open(os.path.join(HERE, name + ".txt"), "w", encoding="utf-8") as out:
    out.write("# neurogen optimizer reference, make_optim_reference.py, torch %s, float64\n" % torch.__version__)
    out.write("# torch.optim.%s(%s), schedule %s %s, network %s, seed %d\n"
              % (type(opt).__name__, args, schedule, schedule_args, net["layers"], seed))
    out.write("case %s\nnetwork %s\n" % (name, net["network"]))
    out.write("layers %d %s\n" % (len(net["layers"]), " ".join(map(str, net["layers"]))))
    out.write("targets %s\nbatch %d\nsteps %d\n" % (net["targets"], net["batch"], STEPS))
    out.write("optimizer %s %s\n" % (kind, pairs(args)))
    out.write("schedule %s %s\n" % (schedule, pairs(schedule_args)))
    write_section(out, "parameters", flat(initial).tolist())
    out.write("batches %d\n" % batches)
    for x, y in data:
      write_section(out, "inputs", x.reshape(-1).tolist())
      if net["targets"] == "LABELS":
        write_section(out, "labels", [int(v) for v in y.tolist()], 32)
      else:
        write_section(out, "target_rows", y.reshape(-1).tolist())
    write_section(out, "losses", losses)
    write_section(out, "rates", rates)
    write_section(out, "final_parameters", flat(params).tolist())
    for key, values in states:
      out.write("state %s " % key)
      write_section(out, "", values.tolist())
    out.write("end\n")
  return name


def main():
  names = []
  optimizers = [
      ("sgd", "sgd", dict(lr=0.1)),
      ("sgd_momentum", "sgd", dict(lr=0.05, momentum=0.9)),
      ("sgd_dampening", "sgd", dict(lr=0.05, momentum=0.8, dampening=0.3)),
      ("sgd_nesterov", "sgd", dict(lr=0.05, momentum=0.9, nesterov=True)),
      ("sgd_weight_decay", "sgd", dict(lr=0.1, momentum=0.5, weight_decay=0.01)),
      ("adam", "adam", dict(lr=0.01)),
      ("adam_weight_decay", "adam", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.05)),
      ("adamw", "adamw", dict(lr=0.01)),
      ("adamw_strong_decay", "adamw", dict(lr=0.02, weight_decay=0.3)),
      ("rmsprop", "rmsprop", dict(lr=0.01)),
      ("rmsprop_centered", "rmsprop", dict(lr=0.005, alpha=0.9, centered=True)),
      ("rmsprop_momentum", "rmsprop", dict(lr=0.005, momentum=0.7, weight_decay=0.01)),
      ("rmsprop_centered_momentum", "rmsprop", dict(lr=0.002, momentum=0.5, centered=True, eps=1e-6)),
  ]
  seed = 1000
  # every configuration on the unrolled network; on the looped one (larger files) one or two per optimizer
  on_large = {"sgd", "sgd_nesterov", "sgd_weight_decay", "adam_weight_decay", "adamw", "rmsprop_centered",
              "rmsprop_centered_momentum"}
  for net_key in ("small", "large"):
    for name, kind, args in optimizers:
      if net_key == "large" and name not in on_large:
        continue
      seed += 1
      names.append(run("%s_%s" % (name, net_key), net_key, seed, kind, args))
  schedules = [
      ("step", dict(step_size=2, gamma=0.5)),
      ("exponential", dict(gamma=0.8)),
      ("cosine", dict(T_max=6, eta_min=0.001)),
      ("none", dict(warmup_steps=3, start_factor=0.25)),
      ("cosine", dict(T_max=4, eta_min=0.0, warmup_steps=2, start_factor=0.1)),
      ("step", dict(step_size=1, gamma=0.7, warmup_steps=3, start_factor=0.5)),
  ]
  for i, (kind, args) in enumerate(schedules):
    label = kind if "warmup_steps" not in args else "warmup_" + kind
    for opt_name, opt_kind, opt_args in [("sgd_momentum", "sgd", dict(lr=0.1, momentum=0.9)),
                                         ("adam", "adam", dict(lr=0.02))]:
      seed += 1
      names.append(run("schedule_%s_%d_%s_small" % (label, i, opt_name), "small", seed, opt_kind, opt_args,
                       kind, args))
  seed += 1
  names.append(run("schedule_warmup_cosine_adamw_large", "large", seed, "adamw", dict(lr=0.01),
                   "cosine", dict(T_max=4, eta_min=0.001, warmup_steps=2, start_factor=0.2)))
  with open(os.path.join(HERE, "index.txt"), "w", encoding="utf-8") as out:
    out.write("# optimizer reference cases, written by make_optim_reference.py\n")
    out.write("\n".join(names) + "\n")


if __name__ == "__main__":
  main()
