"""A stand-in for the Hugging Face hub on 127.0.0.1: the few endpoints huggingface_hub
calls to check a model and download a snapshot (model info at a revision, the file tree,
HEAD and GET of a file), serving repositories held in memory. Point ``HF_ENDPOINT`` at
``FakeHub.url`` in a fresh process (huggingface_hub reads it at import)."""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlparse


class FakeHub:
    """``repos[repo_id][revision] = {file name: bytes}``; every revision gets a commit sha."""

    def __init__(self):
        self.repos: dict[str, dict[str, dict[str, bytes]]] = {}
        self.requests: list[str] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                hub._answer(self, body=True)

            def do_HEAD(self):
                hub._answer(self, body=False)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @staticmethod
    def sha(repo: str, revision: str) -> str:
        return hashlib.sha1(f"{repo}@{revision}".encode()).hexdigest()

    def _find(self, repo: str, revision: str) -> tuple[str, dict[str, bytes]] | None:
        for name, files in self.repos.get(repo, {}).items():
            if revision in (name, self.sha(repo, name)):
                return self.sha(repo, name), files
        return None

    def _answer(self, handler: BaseHTTPRequestHandler, body: bool) -> None:
        path = unquote(urlparse(handler.path).path)
        self.requests.append(f"{handler.command} {path}")
        if path.startswith("/api/models/"):
            rest = path[len("/api/models/"):]
            if "/revision/" in rest:
                repo, revision = rest.split("/revision/", 1)
                return self._info(handler, repo, revision, body)
            if "/tree/" in rest:
                repo, revision = rest.split("/tree/", 1)
                return self._tree(handler, repo, revision, body)
        if "/resolve/" in path:
            repo, rest = path.lstrip("/").split("/resolve/", 1)
            for name in sorted(self.repos.get(repo, {}), key=len, reverse=True):
                for candidate in (name, self.sha(repo, name)):
                    if rest.startswith(candidate + "/"):
                        return self._file(handler, repo, candidate, rest[len(candidate) + 1:], body)
            return self._error(handler, 404, "RevisionNotFound" if repo in self.repos else "RepoNotFound")
        self._error(handler, 404, "RepoNotFound")

    def _info(self, handler, repo, revision, body):
        found = self._find(repo, revision)
        if found is None:
            return self._error(handler, 404, "RevisionNotFound" if repo in self.repos else "RepoNotFound")
        sha, files = found
        self._json(handler, {"id": repo, "modelId": repo, "sha": sha, "private": False,
                             "siblings": [{"rfilename": name} for name in sorted(files)]}, body)

    def _tree(self, handler, repo, revision, body):
        found = self._find(repo, revision.split("/")[0])
        if found is None:
            return self._error(handler, 404, "RevisionNotFound")
        _, files = found
        self._json(handler, [{"type": "file", "path": name, "size": len(data),
                              "oid": hashlib.sha1(data).hexdigest()} for name, data in sorted(files.items())], body)

    def _file(self, handler, repo, revision, name, body):
        sha, files = self._find(repo, revision)
        if name not in files:
            return self._error(handler, 404, "EntryNotFound")
        data = files[name]
        handler.send_response(200)
        handler.send_header("X-Repo-Commit", sha)
        handler.send_header("ETag", f'"{hashlib.sha256(data).hexdigest()}"')
        handler.send_header("Content-Length", str(len(data)))
        handler.send_header("Content-Type", "application/octet-stream")
        handler.end_headers()
        if body:
            handler.wfile.write(data)

    def _json(self, handler, value, body):
        data = json.dumps(value).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        if body:
            handler.wfile.write(data)

    def _error(self, handler, status, code):
        data = json.dumps({"error": code}).encode()
        handler.send_response(status)
        handler.send_header("X-Error-Code", code)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(data)
