"""Models: which model does which task (`registry`), where it is (`locate`, `hub`),
loading it once (`loading`), and running it behind one `Generator` interface
(`generator`) with one of two backends: transformers (`hf`) or CTranslate2 (`ct2`), whose
converted copies `convert` writes and `backend` chooses between.

Importing this package imports neither torch, transformers nor ctranslate2.
"""

from ..settings import hf_cache_dir, hub_offline, models_dir
from .backend import BACKENDS, BackendChoice, choose_backend, requested_backend
from .convert import Conversion, convert, convert_model
from .ct2 import CT2Generator
from .generator import GenerationOptions, Generator
from .hub import DOWNLOAD_PATTERNS, fetch, hub_status, is_available, require_named_folder
from .loading import clear_cache, get_generator, get_model, pick_device
from .locate import TINY_MARKER, Location, candidate_folders, folder_size, is_tiny, locate, not_available_error, status
from .registry import REGISTRY, TASKS, ModelSpec, find_spec, spec_for, supported_pairs

__all__ = [
    "REGISTRY", "TASKS", "ModelSpec", "spec_for", "find_spec", "supported_pairs", "Location", "locate",
    "candidate_folders", "folder_size", "status", "is_tiny", "TINY_MARKER", "hub_status", "not_available_error", "is_available",
    "require_named_folder", "fetch",
    "DOWNLOAD_PATTERNS", "get_model", "get_generator", "clear_cache", "pick_device", "Generator",
    "GenerationOptions", "models_dir", "hub_offline", "hf_cache_dir", "BACKENDS", "BackendChoice",
    "choose_backend", "requested_backend", "Conversion", "convert", "convert_model", "CT2Generator",
]
