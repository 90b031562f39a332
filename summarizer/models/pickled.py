"""PyTorch weights → safetensors, once, at download time, never unpickling anything but tensors.

Some checkpoints on the hub (or some of their revisions) have only ``pytorch_model.bin``:
a pickle. It is read with ``torch.load(..., weights_only=True)``, PyTorch's restricted
unpickler that builds tensors and plain containers and refuses everything else (no code
runs), written as ``model.safetensors`` and deleted. The loader then reads safetensors
only, as for every other model.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from ..errors import ModelNotAvailableError

logger = logging.getLogger("summarizer")

PYTORCH_WEIGHTS = "pytorch_model.bin"
PYTORCH_INDEX = "pytorch_model.bin.index.json"
PYTORCH_PATTERNS = ("pytorch_model.bin", "pytorch_model-*.bin", PYTORCH_INDEX)
"""What is fetched when a revision has no safetensors."""


def has_pytorch_weights(files: list[str]) -> bool:
    return PYTORCH_WEIGHTS in files or PYTORCH_INDEX in files


def _shards(folder: Path) -> list[str]:
    index = folder / PYTORCH_INDEX
    if not index.is_file():
        return [PYTORCH_WEIGHTS]
    names = sorted(set(json.loads(index.read_text(encoding="utf-8")).get("weight_map", {}).values()))
    for name in names:
        if "/" in name or "\\" in name or name.startswith("."):
            raise ModelNotAvailableError(f"{index} names a shard outside its folder ({name!r}); refused")
    return names


def convert_to_safetensors(folder: Path, source: str = "") -> Path:
    """Write ``folder/model.safetensors`` from the PyTorch weights there and delete them.

    Tensors that share storage (tied embeddings) are stored separately, as safetensors
    needs. Raises `ModelNotAvailableError` when a weights file holds anything but tensors."""
    import torch
    from safetensors.torch import save_file

    shards = _shards(folder)
    state: dict[str, torch.Tensor] = {}
    for name in shards:
        try:
            loaded = torch.load(folder / name, map_location="cpu", weights_only=True)
        except Exception as exc:  # noqa: BLE001 - UnpicklingError and friends: not plain tensors
            raise ModelNotAvailableError(
                f"{source or folder}: {name} is not a plain PyTorch state dict ({type(exc).__name__}); it was not "
                "loaded (only tensors are ever unpickled). Use a revision that has model.safetensors."
            ) from None
        if not isinstance(loaded, dict) or not all(isinstance(v, torch.Tensor) for v in loaded.values()):
            raise ModelNotAvailableError(f"{source or folder}: {name} is not a state dict of tensors; refused")
        state.update(loaded)
    tensors, seen = {}, set()
    for key, tensor in state.items():
        storage = (tensor.untyped_storage().data_ptr(), tensor.device.type)
        tensors[key] = (tensor.clone() if storage in seen else tensor).contiguous()
        seen.add(storage)
    partial = folder / ".model.safetensors.partial"
    save_file(tensors, str(partial), metadata={"format": "pt", "converted_from": ",".join(shards)})
    os.replace(partial, folder / "model.safetensors")
    for name in [*shards, PYTORCH_INDEX]:
        (folder / name).unlink(missing_ok=True)
    logger.warning("%s had no safetensors weights: converted %s to model.safetensors", source or folder,
                   ", ".join(shards))
    return folder / "model.safetensors"


__all__ = ["convert_to_safetensors", "has_pytorch_weights", "PYTORCH_PATTERNS"]
