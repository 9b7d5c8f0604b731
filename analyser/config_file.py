"""Finding and reading the settings: --config, then $ANALYSER_CONFIG, then ./analyser.toml; ANALYSER_* variables
override the file; relative paths are relative to the file; a validation error names the setting and the fix."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from analyser.config import Settings
from analyser.errors import ConfigError

CONFIG_ENV_VAR = "ANALYSER_CONFIG"
DEFAULT_CONFIG_NAME = "analyser.toml"


def find_config_file(explicit: Path | None, environ: Mapping[str, str], cwd: Path) -> Path | None:
    """The config file to read: --config, then $ANALYSER_CONFIG, then ./analyser.toml if present."""
    if explicit is not None:
        return explicit
    if environ.get(CONFIG_ENV_VAR):
        return Path(environ[CONFIG_ENV_VAR])
    candidate = cwd / DEFAULT_CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_settings(config_file: Path | None = None, *, database: Path | None = None) -> Settings:
    """Build the settings from a TOML file (if any), ANALYSER_* variables and an optional --db override."""
    path = find_config_file(config_file, os.environ, Path.cwd())
    data = _read_toml(path) if path else {}
    try:
        settings = Settings(**data)
    except ValidationError as exc:
        raise ConfigError(_describe_validation_error(exc, path)) from None
    if database is not None:
        settings = settings.model_copy(update={"database": database})
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(
            f"config file {path} not found. Fix: pass an existing file with --config, "
            f"or copy the documented example analyser.toml from the repository."
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}). Fix the syntax at that line.") from None
    return _resolve_relative_paths(data, path.parent.resolve())


def _resolve_relative_paths(data: dict[str, Any], base: Path) -> dict[str, Any]:
    def resolve(value: Any) -> Any:
        if isinstance(value, str) and value and not Path(value).is_absolute():
            return str(base / value)
        return value

    if "database" in data:
        data["database"] = resolve(data["database"])
    ingest = data.get("ingest")
    if isinstance(ingest, dict) and isinstance(ingest.get("sources"), list):
        ingest["sources"] = [resolve(item) for item in ingest["sources"]]
    signals = data.get("signals")
    if isinstance(signals, dict) and signals.get("intensity_lexicon"):
        signals["intensity_lexicon"] = resolve(signals["intensity_lexicon"])
    embedding = data.get("embedding")
    if isinstance(embedding, dict) and embedding.get("model_path"):
        embedding["model_path"] = resolve(embedding["model_path"])
    llm = data.get("llm")
    if isinstance(llm, dict) and llm.get("model_path"):
        llm["model_path"] = resolve(llm["model_path"])
    return data


def _describe_validation_error(exc: ValidationError, path: Path | None) -> str:
    where = str(path) if path else "settings (no config file)"
    lines = [f"invalid settings in {where}:"]
    for error in exc.errors():
        location = ".".join(str(part) for part in error["loc"]) or "(top level)"
        message = re.sub(r"^Value error, ", "", error["msg"])
        if error["type"] == "extra_forbidden":
            message = "unknown setting (check the spelling against the example analyser.toml)"
        env_name = "ANALYSER_" + "__".join(str(part).upper() for part in error["loc"] if not isinstance(part, int))
        lines.append(f"  - {location}: {message} (set it in the TOML file or with {env_name})")
    return "\n".join(lines)
