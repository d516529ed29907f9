#!/usr/bin/python3
"""Writes a neurogen model file (safetensors layout) from PyTorch, for ModelFileTest.

Run with Debian's python3-torch:  /usr/bin/python3 make_safetensors.py
Debian has no python3-safetensors package, so the layout is written here with struct and json,
exactly as the safetensors specification describes it: u64 little-endian header length, a JSON
header (padded with spaces to a multiple of 8), then raw little-endian tensor bytes. Tensor values
come from torch tensors (float64). The expected outputs are computed by torch on the same module.

Outputs: torch_4_5_3_tanh.safetensors and torch_4_5_3_tanh_expected.json.
"""
import hashlib
import json
import struct

import torch

torch.manual_seed(7)
net = torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.Tanh(), torch.nn.Linear(5, 3)).double()
center = torch.tensor([5.8, 3.0, 3.7, 1.2], dtype=torch.float64)
scale = torch.tensor([0.8, 0.4, 1.7, 0.75], dtype=torch.float64)

tensors = [
    ("W1", net[0].weight), ("b1", net[0].bias),
    ("W2", net[2].weight), ("b2", net[2].bias),
    ("scaler.center", center), ("scaler.scale", scale),
]
metadata = {
    "format": "neurogen-model",
    "format_version": "1",
    "layer_sizes": "4,5,3",
    "activations": "TANH,SOFTMAX",
    "loss": "CROSS_ENTROPY",
    "class_names": json.dumps(["setosa", "versicolor", "virginica"], separators=(",", ":")),
    "threshold": "0.5",
    "scaler": "standardizer",
    "seed": "7",
    "checksum": "sha256:" + "0" * 64,
}
header = {"__metadata__": metadata}
data = b""
for name, t in tensors:
    raw = t.detach().contiguous().numpy().astype("<f8").tobytes()
    header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(raw)]}
    data += raw
text = json.dumps(header, separators=(",", ":")).encode("utf-8")
text += b" " * (-len(text) % 8)
blob = bytearray(struct.pack("<Q", len(text)) + text + data)
digest = hashlib.sha256(bytes(blob)).hexdigest()
at = blob.find(b"0" * 64)
blob[at:at + 64] = digest.encode("ascii")
with open("torch_4_5_3_tanh.safetensors", "wb") as f:
    f.write(bytes(blob))

inputs = torch.tensor([[5.1, 3.5, 1.4, 0.2], [6.3, 2.9, 5.6, 1.8], [5.7, 2.8, 4.1, 1.3], [0.0, 0.0, 0.0, 0.0]],
                      dtype=torch.float64)
with torch.no_grad():
    probabilities = torch.softmax(net((inputs - center) / scale), dim=1)
with open("torch_4_5_3_tanh_expected.json", "w") as f:
    json.dump({"inputs": inputs.tolist(), "probabilities": probabilities.tolist()}, f, indent=1)
    f.write("\n")
