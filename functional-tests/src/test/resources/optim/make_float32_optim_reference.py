#!/usr/bin/python3
"""Float32 reference vectors for the optimizers of float networks (precision = FLOAT), computed
with PyTorch's own torch.optim optimizers on float32 tensors.

Rerun (from the repository root; writes float32_*.txt and float32_index.txt next to this script
and replaces them, leaving the float64 files of make_optim_reference.py alone):

    /usr/bin/python3 functional-tests/src/test/resources/optim/make_float32_optim_reference.py

Use Debian's python3-torch (/usr/bin/python3). CI never runs this script: FloatOptimizerReferenceTest
reads the committed .txt files. Nothing here uses neurogen code. Networks, losses, batches, the
file format and the optimizer arguments are those of make_optim_reference.py (imported from it);
what differs is the dtype: the initial parameters and the data are drawn in float64 exactly as
there and rounded to float32, and then everything (parameters, gradients, loss, optimizer state)
is float32. Every number is written as the Python repr() of the float32 value widened to float64,
so Java reads it back with Double.parseDouble and rounds it to the same float exactly. The
"network" line names the float twin in FloatNets (same layers, activations and loss).
"""

import os

import torch

import make_optim_reference as ref

HERE = os.path.dirname(os.path.abspath(__file__))
FLOAT_NETWORKS = {"small": "TanhCe", "large": "LargeTanhMse"}


def run(name, net_key, seed, kind, args, schedule="none", schedule_args=None, batches=2):
  net = ref.NETWORKS[net_key]
  schedule_args = schedule_args or {}
  initial64, data64 = ref.draw(net, seed, batches)
  initial = [p.float() for p in initial64]
  data = [(x.float(), y if net["targets"] == "LABELS" else y.float()) for x, y in data64]
  params = [torch.nn.Parameter(p.clone()) for p in initial]
  opt = ref.make_optimizer(params, kind, args)
  sched = ref.make_scheduler(opt, schedule, schedule_args)
  losses, rates = [], []
  for i in range(ref.STEPS):
    x, y = data[i % batches]
    opt.zero_grad()
    loss = ref.batch_loss(net, params, x, y)
    assert loss.dtype == torch.float32
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
      assert all(b.dtype == torch.float32 for b in buffers)
      states.append((key, ref.flat(buffers)))
  with open(os.path.join(HERE, name + ".txt"), "w", encoding="utf-8") as out:
    out.write("# neurogen optimizer reference, make_float32_optim_reference.py, torch %s, float32\n" % torch.__version__)
    out.write("# torch.optim.%s(%s), schedule %s %s, network %s, seed %d\n"
              % (type(opt).__name__, args, schedule, schedule_args, net["layers"], seed))
    out.write("case %s\nnetwork %s\n" % (name, FLOAT_NETWORKS[net_key]))
    out.write("layers %d %s\n" % (len(net["layers"]), " ".join(map(str, net["layers"]))))
    out.write("targets %s\nbatch %d\nsteps %d\n" % (net["targets"], net["batch"], ref.STEPS))
    out.write("optimizer %s %s\n" % (kind, ref.pairs(args)))
    out.write("schedule %s %s\n" % (schedule, ref.pairs(schedule_args)))
    ref.write_section(out, "parameters", ref.flat(initial).tolist())
    out.write("batches %d\n" % batches)
    for x, y in data:
      ref.write_section(out, "inputs", x.reshape(-1).tolist())
      if net["targets"] == "LABELS":
        ref.write_section(out, "labels", [int(v) for v in y.tolist()], 32)
      else:
        ref.write_section(out, "target_rows", y.reshape(-1).tolist())
    ref.write_section(out, "losses", losses)
    ref.write_section(out, "rates", rates)
    ref.write_section(out, "final_parameters", ref.flat(params).tolist())
    for key, values in states:
      out.write("state %s " % key)
      ref.write_section(out, "", values.tolist())
    out.write("end\n")
  return name


def main():
  cases = [
      ("adam", "small", "adam", dict(lr=0.01), "none", None),
      ("sgd_momentum", "small", "sgd", dict(lr=0.05, momentum=0.9), "none", None),
      ("sgd_nesterov_weight_decay", "small", "sgd",
       dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01), "none", None),
      ("rmsprop_centered_momentum", "small", "rmsprop",
       dict(lr=0.002, momentum=0.5, centered=True, eps=1e-6), "none", None),
      ("adam_weight_decay", "large", "adam", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.05),
       "none", None),
      ("adamw_warmup_cosine", "large", "adamw", dict(lr=0.01), "cosine",
       dict(T_max=4, eta_min=0.001, warmup_steps=2, start_factor=0.2)),
      ("sgd_dampening", "large", "sgd", dict(lr=0.05, momentum=0.8, dampening=0.3), "none", None),
  ]
  names = []
  seed = 5000
  for label, net_key, kind, args, schedule, schedule_args in cases:
    seed += 1
    names.append(run("float32_%s_%s" % (label, net_key), net_key, seed, kind, args, schedule, schedule_args))
  with open(os.path.join(HERE, "float32_index.txt"), "w", encoding="utf-8") as out:
    out.write("# float32 optimizer reference cases, written by make_float32_optim_reference.py\n")
    out.write("\n".join(names) + "\n")


if __name__ == "__main__":
  main()
