"""Chat providers behind `ChatProvider`: any OpenAI-compatible endpoint (stdlib HTTP) and llama.cpp in-process.

`build_chat_provider` is the edge: it reads the API key from the environment variable NAMED in the
settings (never from the settings themselves) and returns None for the extractive provider.
Sending text to an endpoint that is not on this machine is the user's explicit choice (provider
"openai" with a remote base_url); the run record stores the endpoint host.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from analyser.config import LlmSettings
from analyser.errors import ConfigError
from analyser.stages.label.prompt import ChatProvider, Completion, ProviderError

MAX_BACKOFF_SECONDS = 60.0


class OpenAICompatibleChat:
    """POST {base_url}/chat/completions; retries 429, 5xx and network errors with backoff, honouring Retry-After."""

    provider = "openai"

    def __init__(
        self, base_url: str, model: str, *, api_key: str | None = None, timeout_seconds: float = 60.0, max_retries: int = 3,
        temperature: float = 0.2, max_output_tokens: int = 700, json_mode: bool = True,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.endpoint_host = urlsplit(base_url).hostname or base_url
        self._api_key = api_key
        self._timeout = timeout_seconds
        self._max_retries = max_retries
        self._temperature = temperature
        self._max_tokens = max_output_tokens
        self._json_mode = json_mode
        self._sleep = sleep
        self.waits: list[float] = []  # seconds waited before each retry, for the run record and tests

    def complete(self, messages: list[dict[str, str]]) -> Completion:
        body: dict[str, Any] = {
            "model": self.model, "messages": messages, "temperature": self._temperature, "max_tokens": self._max_tokens,
        }
        if self._json_mode:
            body["response_format"] = {"type": "json_object"}
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        data = json.dumps(body).encode("utf-8")
        last_error = ""
        for attempt in range(self._max_retries + 1):
            request = urllib.request.Request(self.url, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self._timeout) as response:
                    payload = response.read()
                return _parse_chat_response(payload)
            except urllib.error.HTTPError as exc:
                detail = exc.read()[:300].decode("utf-8", "replace")
                last_error = f"HTTP {exc.code} from {self.endpoint_host}: {detail}"
                if exc.code != 429 and exc.code < 500:
                    hint = " (if the server rejects response_format, set llm.json_mode = false)" if exc.code == 400 else ""
                    raise ProviderError(last_error + hint) from None
                delay = retry_after_seconds(exc.headers.get("Retry-After")) if exc.headers else None
            except (urllib.error.URLError, TimeoutError, socket.timeout, ConnectionError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                timed_out = isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason)
                last_error = (
                    f"no answer from {self.endpoint_host} within {self._timeout:g} s" if timed_out
                    else f"cannot reach {self.endpoint_host}: {reason}"
                )
                delay = None
            if attempt == self._max_retries:
                break
            wait = min(delay if delay is not None else 2.0**attempt, MAX_BACKOFF_SECONDS)
            self.waits.append(wait)
            self._sleep(wait)
        raise ProviderError(f"{last_error} (after {self._max_retries + 1} attempts)")


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: a number of seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError, IndexError):
        return None


def _parse_chat_response(payload: bytes) -> Completion:
    try:
        data = json.loads(payload)
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ProviderError(f"the endpoint's reply is not a chat completion ({exc.__class__.__name__}: {str(exc)[:120]})") from None
    usage = data.get("usage") or {}
    return Completion(text=content or "", prompt_tokens=usage.get("prompt_tokens"), completion_tokens=usage.get("completion_tokens"))


class LlamaCppChat:
    """A GGUF model run in-process by llama-cpp-python (optional extra `local-llm`), loaded on first use."""

    provider = "local"
    endpoint_host = None

    def __init__(
        self, model_path: Path, *, model: str | None = None, context_tokens: int = 4096, temperature: float = 0.2,
        max_output_tokens: int = 700, json_mode: bool = True,
    ) -> None:
        try:
            import llama_cpp  # noqa: F401
        except ImportError:
            raise ConfigError(
                "llm.provider = 'local' needs llama-cpp-python, which is not installed. Fix: pip install '.[local-llm]' "
                "(it compiles llama.cpp, about 5 minutes), or use provider 'extractive' or 'openai'."
            ) from None
        if not model_path.is_file():
            raise ConfigError(f"llm.model_path {model_path} is not a file. Fix: point it at your GGUF model file.")
        self.model = model or model_path.name
        self._path = model_path
        self._context = context_tokens
        self._temperature = temperature
        self._max_tokens = max_output_tokens
        self._json_mode = json_mode
        self._llm: Any = None
        self._lock = threading.Lock()  # one llama.cpp context: one generation at a time

    def complete(self, messages: list[dict[str, str]]) -> Completion:
        with self._lock:
            if self._llm is None:
                from llama_cpp import Llama

                self._llm = Llama(model_path=str(self._path), n_ctx=self._context, verbose=False)
            try:
                result = self._llm.create_chat_completion(
                    messages=messages, temperature=self._temperature, max_tokens=self._max_tokens,
                    response_format={"type": "json_object"} if self._json_mode else None,
                )
            except (ValueError, RuntimeError) as exc:  # e.g. prompt longer than the context window
                raise ProviderError(f"llama.cpp: {exc}") from None
        usage = result.get("usage") or {}
        return Completion(
            text=result["choices"][0]["message"]["content"] or "",
            prompt_tokens=usage.get("prompt_tokens"), completion_tokens=usage.get("completion_tokens"),
        )


def build_chat_provider(settings: LlmSettings, environ: Mapping[str, str]) -> ChatProvider | None:
    """The configured chat provider, or None for 'extractive'. Raises ConfigError naming the setting to fix."""
    if settings.provider == "extractive":
        return None
    if settings.provider == "openai":
        api_key = None
        if settings.api_key_env:
            api_key = environ.get(settings.api_key_env)
            if not api_key:
                raise ConfigError(
                    f"llm.api_key_env names the environment variable {settings.api_key_env}, which is not set. "
                    f"Fix: export {settings.api_key_env}=... before the run, or remove api_key_env for a local endpoint."
                )
        assert settings.base_url and settings.model  # checked by LlmSettings
        return OpenAICompatibleChat(
            settings.base_url, settings.model, api_key=api_key, timeout_seconds=settings.timeout_seconds,
            max_retries=settings.max_retries, temperature=settings.temperature,
            max_output_tokens=settings.max_output_tokens, json_mode=settings.json_mode,
        )
    assert settings.model_path is not None  # checked by LlmSettings
    return LlamaCppChat(
        settings.model_path, model=settings.model, context_tokens=settings.context_tokens, temperature=settings.temperature,
        max_output_tokens=settings.max_output_tokens, json_mode=settings.json_mode,
    )
