"""A small chat-completions server on loopback: the remote LLM endpoint is a true boundary, so tests fake it here.

It speaks the real protocol (POST /v1/chat/completions, JSON in and out, HTTP status codes and
Retry-After) and records every request body, so tests can read the exact prompts that left the process.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict (sent as JSON) or str (sent as is)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def chat_reply(content: str, prompt_tokens: int = 120, completion_tokens: int = 45) -> Reply:
    """A well-formed chat completion whose message is `content`."""
    return Reply(body={
        "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()), "model": "test-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "total_tokens": prompt_tokens + completion_tokens},
    })


def valid_label(title: str = "Prélèvements en double non remboursés", stage: str = "facturation_prelevements") -> str:
    return json.dumps({
        "title": title,
        "summary": "Les clients voient leur loyer prélevé deux fois et attendent en vain le remboursement.",
        "journey_stage": stage,
        "expected_instead": "Un seul prélèvement, et un remboursement rapide en cas d'erreur.",
        "confidence": 0.8,
    }, ensure_ascii=False)


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict

    @property
    def prompt(self) -> str:
        return "\n".join(message["content"] for message in self.body.get("messages", []))


class ChatServer:
    """Answers each request with `responder(request_number, body)`; records requests in order."""

    def __init__(self, responder: Callable[[int, dict], Reply]) -> None:
        self.responder = responder
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    number = len(server.requests)
                    server.requests.append(Recorded(self.path, dict(self.headers), body))
                if self.path != "/v1/chat/completions":
                    reply = Reply(404, {"error": {"message": f"no route {self.path}"}})
                else:
                    reply = server.responder(number, body)
                time.sleep(reply.delay)
                payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                data = payload.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @contextmanager
    def running(self) -> Iterator[ChatServer]:
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
