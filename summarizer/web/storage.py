"""Where the web app keeps files, capped and cleaned.

One folder per server process (under the system's temporary folder) holds everything the
app writes: each request's downloads (``briefs/<id>/``) and Gradio's own cache, uploads
included (``gradio/``, through ``$GRADIO_TEMP_DIR`` unless the operator set it). Uploads
are deleted as soon as their text is read, rejected ones too. Uploads are counted against
the folder's byte cap (``$SUMMARIZER_UI_UPLOADS_MB``) as they arrive (`Storage.reserve`,
called by `uploads.UploadCap`): what is on disk, plus what the uploads under way may still
write, never exceeds it. `Storage.prune` deletes request folders older than ``max_age``
seconds and then, oldest first, whatever keeps the folder over its cap (our downloads are
written without asking); it runs on every request and every minute. The whole folder is
removed when the process exits, on SIGTERM too (`summarizer.web.app.launch` turns SIGTERM
into a clean shutdown).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path

from ..settings import ui_storage_bytes

BRIEF_MAX_AGE = 900
"""Seconds a request's downloads are kept (Gradio serves its own copy of them)."""


class Storage:
    """The app's files: ``root/briefs`` (ours) and ``root/gradio`` (Gradio's cache)."""

    def __init__(self, root: Path | None = None, *, max_bytes: int | None = None, max_age: float = BRIEF_MAX_AGE):
        self.root = Path(root) if root is not None else Path(tempfile.mkdtemp(prefix="summarizer-ui-"))
        self.briefs = self.root / "briefs"
        self.briefs.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self.max_age = max_age
        self._lock = threading.Lock()
        self._ticker: threading.Thread | None = None
        self._pending = 0  # bytes the uploads under way may still write

    @property
    def cap(self) -> int:
        return self.max_bytes if self.max_bytes is not None else ui_storage_bytes()

    def request_folder(self) -> Path:
        """A fresh folder for one request's downloads (older ones pruned first)."""
        self.prune()
        folder = self.briefs / uuid.uuid4().hex
        folder.mkdir(parents=True)
        return folder

    def prune(self, now: float | None = None) -> int:
        """Delete old request folders, then the oldest files while over the cap; bytes freed."""
        with self._lock:
            return self._prune(time.time() if now is None else now)

    def _prune(self, now: float) -> int:
        freed = 0
        for folder in list(self.briefs.iterdir()) if self.briefs.is_dir() else []:
            with contextlib.suppress(OSError):
                if now - folder.stat().st_mtime > self.max_age:
                    freed += _size(folder)
                    shutil.rmtree(folder, ignore_errors=True)
        files = sorted(_files(self.root), key=lambda item: item[1])
        total = sum(size for _, _, size in files)
        for path, _, size in files:
            if total <= self.cap:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
                freed += size
        return freed

    def reserve(self, size: int) -> bool:
        """Room for ``size`` more bytes of an upload: whether the folder, what the uploads
        under way may still write and ``size`` fit the cap (expired folders pruned first
        when they do not); the bytes are held (`release`) if so."""
        with self._lock:
            if _size(self.root) + self._pending + size > self.cap:
                self._prune(time.time())
                if _size(self.root) + self._pending + size > self.cap:
                    return False
            self._pending += size
            return True

    def release(self, size: int) -> None:
        """Give back bytes held by `reserve`: written (now on disk, counted there) or never sent."""
        with self._lock:
            self._pending -= size

    @property
    def pending(self) -> int:
        """Bytes the uploads under way may still write."""
        return self._pending

    def every(self, seconds: float = 60.0) -> None:
        """Prune every ``seconds`` in a background thread (once per storage)."""
        if self._ticker is not None:
            return

        def tick() -> None:
            while self.root.is_dir():
                time.sleep(seconds)
                self.prune()

        self._ticker = threading.Thread(target=tick, name="summarizer-ui-prune", daemon=True)
        self._ticker.start()

    def close(self) -> None:
        """Remove the whole folder."""
        shutil.rmtree(self.root, ignore_errors=True)


def discard(path: str | os.PathLike | None) -> None:
    """Delete an uploaded file (and its folder, when empty): read once, never kept. Only
    files in this app's storage or Gradio's upload folder are touched."""
    if not path:
        return
    file = Path(os.path.realpath(path))
    roots = [Path(os.path.realpath(storage().root)), Path(os.path.realpath(_gradio_uploads()))]
    inside = [root for root in roots if file != root and file.is_relative_to(root)]
    if not inside:
        return
    with contextlib.suppress(OSError):
        file.unlink()
    if file.parent not in inside:
        with contextlib.suppress(OSError):
            file.parent.rmdir()


def _gradio_uploads() -> str:
    from gradio.utils import get_upload_folder

    return get_upload_folder()


def _files(root: Path) -> list[tuple[Path, float, int]]:
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            with contextlib.suppress(OSError):
                info = path.lstat()
                found.append((path, info.st_mtime, info.st_size))
    return found


def _size(folder: Path) -> int:
    return sum(size for _, _, size in _files(folder))


_STORAGE: Storage | None = None
_STORAGE_LOCK = threading.Lock()


def storage() -> Storage:
    """This process's storage, made on first use; Gradio's cache goes inside it unless
    ``$GRADIO_TEMP_DIR`` says otherwise; removed at exit."""
    global _STORAGE
    with _STORAGE_LOCK:
        if _STORAGE is None:
            _STORAGE = Storage()
            os.environ.setdefault("GRADIO_TEMP_DIR", str(_STORAGE.root / "gradio"))
            atexit.register(_STORAGE.close)
        return _STORAGE


__all__ = ["Storage", "storage", "discard", "BRIEF_MAX_AGE"]
