"""Uploads counted against the storage cap as they arrive.

`UploadCap` is ASGI middleware in front of Gradio's routes (``launch`` passes it through
``app_kwargs``). A multipart body — what Gradio streams to files: ``/gradio_api/upload``,
``/gradio_api/component_server``, ``/gradio_api/process_recording`` — is counted against
the storage's byte cap (`Storage.reserve`) before the app reads it:

* with a ``Content-Length``, the whole body is held up front, and a body that does not fit
  (on disk + held by the uploads under way + this one > the cap) is refused with 413
  before a byte of it is read;
* without one (a chunked body), each chunk is held as it arrives, and the upload stops
  with 413 at the chunk that would not fit.

The bytes Gradio has written count once: on disk (a chunk's bytes are given back when the
next chunk is read: Gradio's parser writes a chunk before it reads the next); what a request
still holds is given back when it ends. A stopped upload, and one whose client went away
half-way, ends in Gradio's parser as a malformed body, so that Gradio deletes its partial
file at once (a plain disconnect left it on disk).
"""

from __future__ import annotations

from starlette.formparsers import MultiPartException

from .storage import Storage
from .storage import storage as app_storage


class UploadRefused(MultiPartException):
    """An upload stopped half-way (no room left, or its client went away): Gradio's parser
    deletes its partial files, and its routes answer 413 for the message's words."""


def _too_large(cap: int) -> str:
    # Gradio's upload routes answer 413 for "maximum allowed size" / "File size exceeded".
    return (f"File size exceeded the maximum allowed size: this server keeps at most {cap:,} bytes of uploads "
            "and downloads at a time ($SUMMARIZER_UI_UPLOADS_MB) and has no room for this file now.")


class UploadCap:
    """ASGI middleware: multipart bodies counted against ``storage``'s cap as they arrive
    (the app's own `storage.storage()` when none is given)."""

    def __init__(self, app, storage: Storage | None = None):
        self.app = app
        self.storage = storage

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not _is_multipart(scope):
            await self.app(scope, receive, send)
            return
        store = self.storage or app_storage()
        declared = _content_length(scope)
        if declared is not None and not store.reserve(declared):
            await _refuse(send, _too_large(store.cap))
            return
        body = _CountedBody(receive, store, held=declared or 0)
        started = False

        async def watched_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, body.receive, watched_send)
        except UploadRefused as exc:  # a route that does not answer it itself
            if not started:
                await _refuse(send, exc.message)
        finally:
            body.release()


class _CountedBody:
    """A request's body as the app reads it, held against the cap chunk by chunk."""

    def __init__(self, receive, store: Storage, held: int):
        self._receive = receive
        self.store = store
        self.reserved = held  # bytes held so far, all told
        self.released = 0  # of which given back
        self.received = 0
        self.done = False

    async def receive(self):
        message = await self._receive()
        if message["type"] == "http.disconnect" and not self.done:
            raise UploadRefused("the client went away during the upload")
        if message["type"] != "http.request":
            return message
        self._give_back(min(self.received, self.reserved))  # the chunks read before are on disk now
        self.received += len(message.get("body", b""))
        self.done = not message.get("more_body", False)
        if self.received > self.reserved:  # no Content-Length (or more than it said)
            need = self.received - self.reserved
            if not self.store.reserve(need):
                raise UploadRefused(_too_large(self.store.cap))
            self.reserved += need
        return message

    def _give_back(self, upto: int) -> None:
        if upto > self.released:
            self.store.release(upto - self.released)
            self.released = upto

    def release(self) -> None:
        """Give back all that is still held: the request has ended."""
        self._give_back(self.reserved)


def _is_multipart(scope) -> bool:
    for name, value in scope.get("headers") or ():
        if name == b"content-type":
            return value.split(b";")[0].strip().lower() == b"multipart/form-data"
    return False


def _content_length(scope) -> int | None:
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            try:
                return max(0, int(value))
            except ValueError:
                return None
    return None


async def _refuse(send, message: str) -> None:
    body = message.encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


__all__ = ["UploadCap", "UploadRefused"]
