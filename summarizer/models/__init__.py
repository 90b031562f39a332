"""Models: which model does which task (`registry`), where it is (`locate`, `hub`), the
caller's `Models` that finds, loads and keeps them (`provider`), and running them behind
one `Generator` interface (`generator`) with one of two backends: transformers (`hf`) or
CTranslate2 (`ct2`) — instruct models with their chat template likewise (`chat`) —, whose converted copies `convert` writes and `backend` chooses between.

Nothing here reads the environment: the settings reach the models through
`Models.from_settings`, called by the CLI, the web app and the API's default. Importing
this package imports neither torch, transformers nor ctranslate2.
"""

from .backend import BACKENDS, BackendChoice, choose_backend, requested_backend
from .convert import Conversion, convert, convert_model
from .chat import CT2Chat, TransformersChat
from .ct2 import CT2Generator
from .generator import GenerationOptions, Generator
from .hub import DOWNLOAD_PATTERNS
from .locate import TINY_MARKER, Location, Places, candidate_folders, folder_size, is_tiny
from .provider import Models, pick_device
from .registry import OPTIONAL, REGISTRY, TASKS, ModelSpec, find_spec, spec_for, supported_pairs

__all__ = [
    "Models", "Places", "REGISTRY", "TASKS", "ModelSpec", "spec_for", "find_spec", "supported_pairs", "Location",
    "candidate_folders", "folder_size", "is_tiny", "TINY_MARKER", "DOWNLOAD_PATTERNS", "pick_device", "Generator",
    "GenerationOptions", "BACKENDS", "BackendChoice", "choose_backend", "requested_backend", "Conversion",
    "convert", "convert_model", "CT2Generator", "CT2Chat", "TransformersChat", "OPTIONAL",
]
