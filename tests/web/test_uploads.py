"""Uploads against `python app.py` with a 1 MB storage cap: the cap holds while uploads
arrive (many at once, with and without Content-Length), a stopped or abandoned upload
leaves nothing behind, a refused type is deleted at once, a normal upload still works."""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import SEEDS, running_app

CAP = 1_000_000
PIECE = 300_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``(port, storage folder)`` of `python app.py` with a 1 MB cap for uploads and downloads."""
    tmp = tmp_path_factory.mktemp("uploads")
    with running_app(tmp, SUMMARIZER_UI_UPLOADS_MB="1", SUMMARIZER_UI_MAX_BYTES="300000") as url:
        [root] = tmp.glob("summarizer-ui-*")
        yield urlsplit(url).port, root


@pytest.fixture
def empty(server):
    """The server, its storage emptied first (as pruning would)."""
    port, root = server
    for file in _files(root):
        file.unlink(missing_ok=True)
    return port, root


def _files(root: Path) -> list[Path]:
    return [Path(folder) / name for folder, _, names in os.walk(root) for name in names]


def _on_disk(root: Path) -> int:
    total = 0
    for file in _files(root):
        try:
            total += file.stat().st_size
        except OSError:  # deleted meanwhile
            pass
    return total


def _multipart(data: bytes, name: str) -> tuple[bytes, bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head, f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def upload(port: int, data: bytes, name: str = "t.txt", chunked: bool = False) -> int | None:
    """POST ``data`` to /gradio_api/upload; the status, or None when the server closed first."""
    head, tail, kind = _multipart(data, name)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        if chunked:  # no Content-Length: the body comes as it is made
            pieces = (head, *(data[i:i + 65_536] for i in range(0, len(data), 65_536)), tail)
            conn.request("POST", "/gradio_api/upload", body=iter(pieces), headers={"Content-Type": kind},
                         encode_chunked=True)
        else:
            conn.request("POST", "/gradio_api/upload", body=head + data + tail, headers={"Content-Type": kind})
        return conn.getresponse().status
    except (BrokenPipeError, ConnectionResetError):
        return None
    finally:
        conn.close()


def test_a_flood_of_uploads_never_puts_more_than_the_cap_on_disk(empty):
    port, root = empty
    assert upload(port, b"PRESIDENTE: Buenos dias.\n" * 100) == 200  # a normal upload works
    peak, stop = [0], threading.Event()

    def watch() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], _on_disk(root))

    statuses: list[int | None] = []

    def flood(n: int) -> None:
        for i in range(6):
            statuses.append(upload(port, os.urandom(PIECE), f"f{n}-{i}.txt", chunked=(n + i) % 2 == 1))

    watcher = threading.Thread(target=watch)
    watcher.start()
    threads = [threading.Thread(target=flood, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    time.sleep(0.5)  # the last requests' files
    stop.set()
    watcher.join()
    assert len(statuses) == 48 and set(statuses) <= {200, 413, None}
    assert 1 <= statuses.count(200) <= CAP // PIECE and statuses.count(413) >= 20, statuses
    assert peak[0] <= CAP and _on_disk(root) <= CAP, (peak[0], _on_disk(root))


def _nothing_left(root: Path) -> list[Path]:
    deadline = time.monotonic() + 10
    while _files(root) and time.monotonic() < deadline:
        time.sleep(0.1)
    return _files(root)


def test_an_upload_stopped_at_the_cap_leaves_nothing(empty):
    port, root = empty
    assert upload(port, os.urandom(2_000_000), chunked=True) in (413, None)  # no Content-Length: stopped at 1 MB
    assert _nothing_left(root) == []
    assert upload(port, os.urandom(PIECE)) == 200  # the bytes it held were given back


def test_an_upload_abandoned_half_way_leaves_nothing(empty):
    port, root = empty
    with socket.create_connection(("127.0.0.1", port)) as sock:
        head, _, kind = _multipart(b"", "gone.txt")
        sock.sendall(f"POST /gradio_api/upload HTTP/1.1\r\nHost: x\r\nContent-Type: {kind}\r\n"
                     f"Content-Length: 600000\r\n\r\n".encode() + head + os.urandom(200_000))
        time.sleep(0.5)
    assert _nothing_left(root) == []  # Gradio kept the part it had written
    assert upload(port, os.urandom(3 * PIECE)) == 200  # the 600,000 bytes held were given back


def test_a_refused_type_is_deleted_at_once(empty, tmp_path, monkeypatch):
    import tempfile

    from gradio_client import Client, handle_file
    from gradio_client.exceptions import AppError

    port, root = empty
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # gradio_client's own folders
    client = Client(f"http://127.0.0.1:{port}/", verbose=False, download_files=str(tmp_path / "downloads"))
    bad = tmp_path / "transcript.exe"
    bad.write_bytes(b"MZ" + os.urandom(1000))
    with pytest.raises(AppError) as refused:
        client.predict(handle_file(str(bad)), api_name="/load_file")
    assert _files(root) == []
    assert "transcript.exe is not a file this app reads: give a .txt, .md, .html, .htm, .docx, .pdf file." in \
        str(refused.value)
    good = tmp_path / "transcript.txt"
    good.write_text(SEEDS.joinpath("2023-12-28.web.txt").read_text(encoding="utf-8")[:5000], encoding="utf-8")
    text, _ = client.predict(handle_file(str(good)), api_name="/load_file")
    assert text.startswith("Versión estenográfica") and _files(root) == []  # read, then deleted
