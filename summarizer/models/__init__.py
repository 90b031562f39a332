"""Models: which model does which task (`registry`), where it is (`locate`, `hub`),
loading it once (`loading`), and running it behind one `Generator` interface
(`generator`; the transformers backend in `hf`).

Importing this package imports neither torch nor transformers.
"""

from ..settings import hf_cache_dir, hub_offline, models_dir
from .generator import GenerationOptions, Generator
from .hub import DOWNLOAD_PATTERNS, fetch, hub_status, is_available
from .loading import clear_cache, get_generator, get_model, pick_device
from .locate import TINY_MARKER, Location, candidate_folders, folder_size, is_tiny, locate, not_available_error, status
from .registry import REGISTRY, TASKS, ModelSpec, find_spec, spec_for, supported_pairs

__all__ = [
    "REGISTRY", "TASKS", "ModelSpec", "spec_for", "find_spec", "supported_pairs", "Location", "locate",
    "candidate_folders", "folder_size", "status", "is_tiny", "TINY_MARKER", "hub_status", "not_available_error", "is_available", "fetch",
    "DOWNLOAD_PATTERNS", "get_model", "get_generator", "clear_cache", "pick_device", "Generator",
    "GenerationOptions", "models_dir", "hub_offline", "hf_cache_dir",
]
