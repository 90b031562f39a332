"""Input bytes → text: the encodings transcripts come in, and the size limit."""

from __future__ import annotations

from ..errors import DecodeError, EmptyTranscriptError
from ..settings import check_size


def decode(data: str | bytes, max_bytes: int | None = None) -> str:
    """Decode input bytes (UTF-8 with or without BOM, else cp1252) and check its size."""
    if isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
    elif isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        size = len(data)
    else:
        raise TypeError(f"a transcript is str or bytes, not {type(data).__name__}")
    check_size(size, max_bytes)
    text = data if isinstance(data, str) else _decode_bytes(data)
    if not text.strip(" \t\r\n\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000\x0b\x0c"):
        raise EmptyTranscriptError("the transcript is empty: paste or load the text of a transcript")
    return text


def _decode_bytes(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise DecodeError("the input starts like UTF-16 text but does not decode as such: "
                              "save it as UTF-8 and try again") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if raw.count(b"\x00") > len(raw) // 100:
        raise DecodeError("the input looks binary (it has NUL bytes), not text: give a .txt transcript")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"the input is neither UTF-8 nor Windows-1252 text (byte {raw[exc.start]:#04x} at "
            f"offset {exc.start}): save it as UTF-8 and try again"
        ) from None
