"""
A pool of worker processes answering chunks of work in order (private).

An import parses and flattens its feed in worker processes while the importing process
writes what came before. The workers are plain ``python -c`` children, not
multiprocessing: spawning re-imports the caller's ``__main__`` (``python -m factreg``
would run the command again) and forking copies an open database connection.

A chunk travels to a worker as one length-prefixed frame of bytes on its stdin, and its
answer comes back as one frame on its stdout; what the bytes mean is the caller's
business (:func:`ordered` on this side, :func:`serve` in the worker). Should a worker
fail, the chunks not answered yet are done in the calling process instead: nothing is
lost or reordered.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from typing import IO, TypeVar

_C = TypeVar("_C")
_R = TypeVar("_R")

#: Largest answer a worker may send for one chunk: more means it is talking nonsense.
MAX_FRAME = 1 << 29

_FRAME = struct.Struct("<I")


def parallel_workers() -> int:
    """
    How many parsing workers an import starts: one per core the process may use, at
    most four (the writer, not the parsing, limits an import beyond that).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def can_start() -> bool:
    """
    Whether this process can start workers: a frozen application's executable is not a
    Python that runs ``-c``.
    """
    return bool(sys.executable) and not getattr(sys, "frozen", False)


def start(command: str, count: int) -> list[subprocess.Popen[bytes]]:
    """
    Up to ``count`` workers running ``python -c command``; fewer (or none) if the system
    refuses more processes.
    """
    workers: list[subprocess.Popen[bytes]] = []
    for _ in range(count):
        try:
            workers.append(
                subprocess.Popen(
                    [sys.executable, "-c", command],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            )
        except OSError:
            break
    return workers


def ordered(
    workers: list[subprocess.Popen[bytes]],
    first: _C,
    rest: Iterator[_C],
    *,
    request: Callable[[_C], bytes],
    answer: Callable[[bytes], list[_R] | None],
    local: Callable[[_C], list[_R]],
    ahead: int,
) -> Iterator[_R]:
    """
    The results of ``first`` (done here) and of each chunk of ``rest`` (done by the
    ``workers`` in turn), in order; the workers are stopped at the end.

    A feeder thread takes the chunks from ``rest`` (reading the input there), encodes each
    with ``request`` and hands it to the next worker; this thread takes the answers in the
    same turn and decodes them with ``answer`` (None: the worker talks nonsense). At most
    ``ahead`` chunks per worker are in flight, which bounds memory. Should a worker fail,
    every chunk not yet answered is done here with ``local``. An exception raised while
    reading ``rest`` is raised here, in its place.
    """
    sent: queue.Queue[_C | _Failed | None] = queue.Queue(ahead * len(workers))
    stop = threading.Event()

    def put(item: _C | _Failed | None) -> bool:
        # Never block for good: once the reader has stopped, nobody takes from the queue.
        while not stop.is_set():
            with contextlib.suppress(queue.Full):
                sent.put(item, timeout=0.1)
                return True
        return False

    def feed() -> None:
        # Every chunk goes through the queue, answered by a worker or not: if the workers
        # fail, the reader does the chunks itself and nothing is lost or reordered.
        writing = True
        try:
            for turn in itertools.count():
                chunk = next(rest, None)
                if chunk is None or not put(chunk):
                    return
                if writing:
                    payload = request(chunk)
                    into = workers[turn % len(workers)].stdin
                    assert into is not None
                    try:
                        into.write(_FRAME.pack(len(payload)) + payload)
                        into.flush()
                    except OSError:
                        writing = False
        except BaseException as exc:  # reading the input failed: hand it to the reader
            put(_Failed(exc))
        finally:
            put(None)
            for worker in workers:
                with contextlib.suppress(OSError):
                    worker.stdin.close()  # type: ignore[union-attr]  # opened with PIPE

    feeder = threading.Thread(target=feed, daemon=True, name="factreg-import-feeder")
    feeder.start()
    alive = True
    try:
        yield from local(first)
        for turn in itertools.count():
            chunk = sent.get()
            if chunk is None:
                break
            if isinstance(chunk, _Failed):
                raise chunk.error
            stream = workers[turn % len(workers)].stdout
            result = _receive(stream, answer) if alive and stream is not None else None
            if result is None:
                if alive:
                    alive = False
                    for worker in workers:
                        worker.kill()  # so the feeder's writes fail instead of blocking
                result = local(chunk)
            yield from result
    finally:
        stop.set()
        for worker in workers:
            worker.kill()
        with contextlib.suppress(queue.Empty):
            while True:  # unblock a feeder waiting for room
                sent.get_nowait()
        for worker in workers:
            worker.wait()
            worker.stdout.close()  # type: ignore[union-attr]  # opened with PIPE


class _Failed:
    """
    An exception raised while reading the input, on its way to the reader.
    """

    def __init__(self, error: BaseException) -> None:
        self.error = error


def frame(payload: bytes) -> bytes:
    """
    ``payload`` as one frame, as :func:`serve` reads it.
    """
    return _FRAME.pack(len(payload)) + payload


def receive(stream: IO[bytes], answer: Callable[[bytes], list[_R] | None]) -> list[_R] | None:
    """
    One chunk's results from a worker's ``stream``, or None if it stopped or sent nonsense.
    """
    return _receive(stream, answer)


def _receive(stream: IO[bytes], answer: Callable[[bytes], list[_R] | None]) -> list[_R] | None:
    """
    One chunk's results from a worker, or None if it stopped or sent nonsense.
    """
    head = stream.read(_FRAME.size)
    if len(head) < _FRAME.size or (size := _FRAME.unpack(head)[0]) > MAX_FRAME:
        return None
    body = stream.read(size)
    if len(body) < size:
        return None
    try:
        return answer(body)
    except Exception:
        return None


def serve(handle: Callable[[bytes], bytes]) -> None:
    """
    A worker's loop: each frame read from stdin answered with ``handle``'s frame on
    stdout, until stdin is closed.
    """
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while len(head := source.read(_FRAME.size)) == _FRAME.size:
        payload = handle(source.read(_FRAME.unpack(head)[0]))
        sink.write(_FRAME.pack(len(payload)) + payload)
        sink.flush()
