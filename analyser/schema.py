"""The database schema: ordered, named migrations. The only place that creates or alters tables.

An applied migration is never edited; a schema change is a new entry at the end of MIGRATIONS.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_runs",
        """
        CREATE TABLE runs (
            run_id        VARCHAR PRIMARY KEY,
            command       VARCHAR NOT NULL,
            started_at    TIMESTAMP NOT NULL,
            finished_at   TIMESTAMP,
            status        VARCHAR NOT NULL,   -- running | succeeded | partial | failed
            settings      JSON NOT NULL,
            code_version  VARCHAR NOT NULL,
            counts        JSON,
            error         VARCHAR
        );
        """,
    ),
    Migration(
        "0002_tickets",
        """
        CREATE TABLE tickets (
            ticket_id       VARCHAR PRIMARY KEY,
            created_at      TIMESTAMP NOT NULL,
            subject         VARCHAR,            -- redacted
            text            VARCHAR NOT NULL,   -- cleaned and redacted
            raw_text        VARCHAR,            -- only when redaction.keep_raw_text is on
            channel         VARCHAR,
            product         VARCHAR,
            category        VARCHAR,
            customer_id     VARCHAR,
            language        VARCHAR,
            satisfaction    VARCHAR,
            content_hash    VARCHAR NOT NULL,   -- of the source fields, to detect edits
            redacted_kinds  VARCHAR[] NOT NULL,
            source_file     VARCHAR NOT NULL,
            source_row      INTEGER NOT NULL,
            first_run_id    VARCHAR NOT NULL,
            last_run_id     VARCHAR NOT NULL,
            ingested_at     TIMESTAMP NOT NULL,
            updated_at      TIMESTAMP NOT NULL
        );
        CREATE TABLE ticket_history (
            ticket_id         VARCHAR NOT NULL,
            run_id            VARCHAR NOT NULL,
            changed_at        TIMESTAMP NOT NULL,
            old_content_hash  VARCHAR NOT NULL,
            new_content_hash  VARCHAR NOT NULL,
            old_created_at    TIMESTAMP,
            old_subject       VARCHAR,
            old_text          VARCHAR,          -- redacted, like every stored text
            source_file       VARCHAR NOT NULL,
            source_row        INTEGER NOT NULL
        );
        """,
    ),
    Migration(
        "0003_quarantine_and_ingest_files",
        """
        CREATE SEQUENCE quarantine_seq;
        CREATE TABLE quarantine (
            quarantine_id   BIGINT PRIMARY KEY DEFAULT nextval('quarantine_seq'),
            run_id          VARCHAR NOT NULL,
            source_file     VARCHAR NOT NULL,
            row_number      INTEGER NOT NULL,   -- 1-based data row (header excluded)
            line            INTEGER,            -- line of the file where the record starts
            reason          VARCHAR NOT NULL,
            detail          VARCHAR NOT NULL,
            raw_record      VARCHAR NOT NULL,   -- as read; needed to fix and re-ingest
            raw_hash        VARCHAR NOT NULL,
            quarantined_at  TIMESTAMP NOT NULL,
            UNIQUE (source_file, row_number, raw_hash)
        );
        CREATE TABLE ingest_files (
            run_id       VARCHAR NOT NULL,
            path         VARCHAR NOT NULL,
            file_sha256  VARCHAR NOT NULL,
            format       VARCHAR NOT NULL,
            encoding     VARCHAR,
            delimiter    VARCHAR,
            report       JSON NOT NULL,
            ingested_at  TIMESTAMP NOT NULL
        );
        """,
    ),
    Migration(
        "0004_embeddings_clusters_lineage",
        """
        CREATE TABLE embeddings (
            model_id    VARCHAR NOT NULL,
            text_hash   VARCHAR NOT NULL,   -- sha256 of the exact text embedded (redacted)
            vector      FLOAT[] NOT NULL,   -- L2-normalised
            created_at  TIMESTAMP NOT NULL,
            PRIMARY KEY (model_id, text_hash)
        );
        CREATE TABLE cluster_ids (          -- every stable id ever issued; ids are never reused
            cluster_id    VARCHAR PRIMARY KEY,
            first_run_id  VARCHAR NOT NULL,
            created_at    TIMESTAMP NOT NULL
        );
        CREATE TABLE clusters (
            run_id                     VARCHAR NOT NULL,
            cluster_id                 VARCHAR NOT NULL,
            size                       INTEGER NOT NULL,
            reassigned                 INTEGER NOT NULL,   -- members that HDBSCAN left as noise
            keywords                   VARCHAR[] NOT NULL,
            representative_ticket_ids  VARCHAR[] NOT NULL,
            centroid                   FLOAT[] NOT NULL,
            x                          DOUBLE NOT NULL,
            y                          DOUBLE NOT NULL,
            first_ticket_at            TIMESTAMP NOT NULL,
            last_ticket_at             TIMESTAMP NOT NULL,
            PRIMARY KEY (run_id, cluster_id)
        );
        CREATE TABLE assignments (
            run_id       VARCHAR NOT NULL,
            ticket_id    VARCHAR NOT NULL,
            cluster_id   VARCHAR,            -- NULL: unclustered
            probability  DOUBLE NOT NULL,
            reassigned   BOOLEAN NOT NULL,
            x            DOUBLE NOT NULL,
            y            DOUBLE NOT NULL
        );
        CREATE TABLE cluster_lineage (
            run_id          VARCHAR NOT NULL,
            cluster_id      VARCHAR NOT NULL,
            event           VARCHAR NOT NULL,   -- continued | new | split | merged | merged_into | vanished
            related_ids     VARCHAR[] NOT NULL,
            shared_tickets  INTEGER NOT NULL
        );
        CREATE TABLE reduction_fits (       -- fitted UMAP models, reused while few tickets are new
            fit_id          VARCHAR PRIMARY KEY,
            reduction_key   VARCHAR NOT NULL,   -- model and UMAP settings the fit depends on
            created_at      TIMESTAMP NOT NULL,
            tickets_fitted  INTEGER NOT NULL,
            model           BLOB NOT NULL
        );
        CREATE TABLE ticket_coordinates (
            fit_id     VARCHAR NOT NULL,
            text_hash  VARCHAR NOT NULL,
            reduced    FLOAT[] NOT NULL,
            x          FLOAT NOT NULL,
            y          FLOAT NOT NULL,
            PRIMARY KEY (fit_id, text_hash)
        );
        CREATE TABLE run_results (          -- a run's results are visible to readers once this row exists
            run_id        VARCHAR PRIMARY KEY,
            completed_at  TIMESTAMP NOT NULL,
            model_id      VARCHAR NOT NULL,
            tickets       INTEGER NOT NULL,
            clusters      INTEGER NOT NULL,
            unclustered   INTEGER NOT NULL
        );
        """,
    ),
    Migration(
        "0005_signals",
        """
        CREATE TABLE signal_runs (          -- the windows and inputs behind a run's signals
            run_id          VARCHAR PRIMARY KEY,
            newest_day      DATE NOT NULL,      -- windows end here (newest ticket), not at the wall clock
            recent_start    DATE NOT NULL,
            baseline_start  DATE NOT NULL,
            lexicon         VARCHAR NOT NULL,   -- which intensity lexicon file
            details         JSON NOT NULL       -- settings used, averages over all tickets
        );
        CREATE TABLE cluster_signals (
            run_id              VARCHAR NOT NULL,
            cluster_id          VARCHAR NOT NULL,
            score               DOUBLE NOT NULL,    -- combined weak-signal score: higher = look first
            rank                INTEGER NOT NULL,   -- 1 = top of the run
            emerging            DOUBLE NOT NULL,    -- components, each in [0, 1]
            novelty             DOUBLE NOT NULL,
            intensity           DOUBLE NOT NULL,
            hidden              DOUBLE NOT NULL,
            reach               DOUBLE NOT NULL,
            is_emerging         BOOLEAN NOT NULL,
            is_new              BOOLEAN NOT NULL,
            is_intense          BOOLEAN NOT NULL,
            is_hidden           BOOLEAN NOT NULL,
            journey_stage       VARCHAR NOT NULL,   -- a configured stage key or 'unclear' (machine; overrides live in reviews)
            journey_confidence  DOUBLE NOT NULL,
            size                INTEGER NOT NULL,
            recent_tickets      INTEGER NOT NULL,
            baseline_tickets    INTEGER NOT NULL,
            intense_tickets     INTEGER NOT NULL,
            catch_all_tickets   INTEGER NOT NULL,
            details             JSON NOT NULL,      -- the raw numbers behind each component
            PRIMARY KEY (run_id, cluster_id)
        );
        CREATE TABLE cluster_series (
            run_id        VARCHAR NOT NULL,
            cluster_id    VARCHAR NOT NULL,
            granularity   VARCHAR NOT NULL,   -- day | week (weeks start on Monday)
            period_start  DATE NOT NULL,
            tickets       INTEGER NOT NULL,
            PRIMARY KEY (run_id, cluster_id, granularity, period_start)
        );
        CREATE TABLE noise_signals (        -- dense groups of recent unclustered tickets
            run_id           VARCHAR NOT NULL,
            group_id         INTEGER NOT NULL,   -- 1 = largest group of the run
            tickets          INTEGER NOT NULL,
            cohesion         DOUBLE NOT NULL,    -- mean cosine similarity to the group's centre
            keywords         VARCHAR[] NOT NULL,
            ticket_ids       VARCHAR[] NOT NULL,
            first_ticket_at  TIMESTAMP NOT NULL,
            last_ticket_at   TIMESTAMP NOT NULL,
            PRIMARY KEY (run_id, group_id)
        );
        """,
    ),
    Migration(
        "0006_labels",
        """
        CREATE SEQUENCE cluster_labels_seq;
        CREATE TABLE cluster_labels (       -- every generated label, kept for ever (cache and trace)
            label_id           BIGINT PRIMARY KEY DEFAULT nextval('cluster_labels_seq'),
            cluster_id         VARCHAR NOT NULL,
            run_id             VARCHAR NOT NULL,    -- the run that made it
            provider           VARCHAR NOT NULL,    -- extractive | openai | local (extractive also when fallback)
            model              VARCHAR NOT NULL,
            endpoint_host      VARCHAR,             -- openai: host the text was sent to
            prompt_version     VARCHAR NOT NULL,
            input_hash         VARCHAR NOT NULL,    -- sha256 of everything the prompt was built from
            language           VARCHAR NOT NULL,    -- output language: fr | en
            title              VARCHAR NOT NULL,
            summary            VARCHAR NOT NULL,
            journey_stage      VARCHAR NOT NULL,    -- a configured stage key or 'unclear'
            expected_instead   VARCHAR,
            confidence         DOUBLE,
            fallback           BOOLEAN NOT NULL,    -- extractive used because the LLM failed
            error              VARCHAR,             -- why the LLM failed (when fallback)
            latency_ms         DOUBLE,
            prompt_tokens      INTEGER,
            completion_tokens  INTEGER,
            attempts           INTEGER NOT NULL,    -- model calls made (0 for extractive)
            member_ticket_ids  VARCHAR[] NOT NULL,  -- the cluster's tickets when labelled (for the change threshold)
            created_at         TIMESTAMP NOT NULL
        );
        CREATE INDEX cluster_labels_cache ON cluster_labels (provider, model, prompt_version, input_hash);
        CREATE TABLE run_labels (           -- which label each run chose for each of its clusters, and why
            run_id      VARCHAR NOT NULL,
            cluster_id  VARCHAR NOT NULL,
            label_id    BIGINT NOT NULL,
            reason      VARCHAR NOT NULL,   -- generated | cached | kept | budget
            chosen_at   TIMESTAMP NOT NULL,
            PRIMARY KEY (run_id, cluster_id)
        );
        CREATE SEQUENCE card_drafts_seq;
        CREATE TABLE use_case_card_drafts ( -- machine drafts of use-case cards; a human edits or accepts each field
            draft_id        BIGINT PRIMARY KEY DEFAULT nextval('card_drafts_seq'),
            cluster_id      VARCHAR NOT NULL,
            run_id          VARCHAR,            -- the complete run whose cluster it was drafted from
            provider        VARCHAR NOT NULL,
            model           VARCHAR NOT NULL,
            endpoint_host   VARCHAR,
            prompt_version  VARCHAR NOT NULL,
            input_hash      VARCHAR NOT NULL,
            language        VARCHAR NOT NULL,
            content         JSON NOT NULL,      -- problem, expected_outcome, grid, stance (see UseCaseCardDraft)
            fallback        BOOLEAN NOT NULL,
            error           VARCHAR,
            latency_ms      DOUBLE,
            created_at      TIMESTAMP NOT NULL
        );
        """,
    ),
    Migration(
        "0007_reviews",
        """
        -- Human review decisions: append-only (the code only ever INSERTs and SELECTs here);
        -- the current state of a cluster or candidate is the fold of its events (analyser/review/model.py).
        CREATE SEQUENCE review_event_seq;
        CREATE SEQUENCE review_candidate_seq;   -- candidate ids UC0001, UC0002... never reused
        CREATE TABLE review_events (
            event_id        BIGINT PRIMARY KEY DEFAULT nextval('review_event_seq'),
            stream          VARCHAR NOT NULL,   -- whose version this event bumps: the cluster id, or the candidate id for candidate edits
            stream_version  INTEGER NOT NULL,   -- 1, 2, 3... per stream; the UNIQUE key turns a lost update into an error
            cluster_id      VARCHAR NOT NULL,
            candidate_id    VARCHAR,
            actor           VARCHAR NOT NULL CHECK (length(trim(actor)) > 0),
            "at"            TIMESTAMP NOT NULL, -- UTC ("at" is a keyword: always quote it)
            action          VARCHAR NOT NULL,
            before          JSON NOT NULL,      -- the fields the action changed, as they were
            after           JSON NOT NULL,      -- the same fields, as the action left them
            comment         VARCHAR,
            UNIQUE (stream, stream_version)
        );
        """,
    ),
    Migration(
        "0008_exports",
        """
        -- One row per workshop export (CLI or app download): who, when, what, which selection, from which run.
        CREATE TABLE exports (
            export_id        VARCHAR PRIMARY KEY,
            exported_at      TIMESTAMP NOT NULL,   -- local time of the export (the time the file states)
            actor            VARCHAR NOT NULL CHECK (length(trim(actor)) > 0),
            what             VARCHAR NOT NULL,     -- frictions | candidates | cards | matrix | journey
            format           VARCHAR NOT NULL,     -- csv | xlsx | md | json | html | pdf | png | svg
            language         VARCHAR NOT NULL,
            filters          JSON NOT NULL,
            run_id           VARCHAR,              -- the complete run the export read (NULL before any run)
            first_ticket_at  TIMESTAMP,
            last_ticket_at   TIMESTAMP,
            items            INTEGER NOT NULL,     -- rows or cards in the file
            file_name        VARCHAR NOT NULL,
            bytes            BIGINT NOT NULL,
            sha256           VARCHAR NOT NULL      -- of the file as written
        );
        """,
    ),
    Migration(
        "0009_recent_pockets",
        """
        -- Recent tickets packed together with mostly recent neighbours, clustered or not (signals.find_recent_pockets).
        CREATE TABLE recent_pockets (
            run_id           VARCHAR NOT NULL,
            pocket_id        INTEGER NOT NULL,     -- 1 = largest pocket of the run
            tickets          INTEGER NOT NULL,
            recent_share     DOUBLE NOT NULL,      -- mean share of recent tickets among its members' nearest neighbours
            keywords         VARCHAR[] NOT NULL,
            ticket_ids       VARCHAR[] NOT NULL,
            cluster_ids      VARCHAR[] NOT NULL,   -- clusters holding its tickets, most first (unclustered ones not listed)
            cluster_tickets  INTEGER[] NOT NULL,   -- how many of its tickets each of those clusters holds
            cluster_sizes    INTEGER[] NOT NULL,   -- each of those clusters' size in the run
            first_ticket_at  TIMESTAMP NOT NULL,
            last_ticket_at   TIMESTAMP NOT NULL,
            PRIMARY KEY (run_id, pocket_id)
        );
        """,
    ),
    Migration(
        "0010_gathered_pockets",
        """
        -- Pockets are gathered into one cluster (pockets.gather_pockets): which one. cluster_ids and
        -- cluster_tickets now say where the clustering had put its tickets before gathering.
        ALTER TABLE recent_pockets ADD COLUMN gathered_into VARCHAR;  -- NULL: gathering turned off, or a run before it
        -- A cluster drawn out of the clustering's own clusters (a pocket, or a group followed since).
        ALTER TABLE clusters ADD COLUMN gathered BOOLEAN DEFAULT false;
        -- Tickets a run gathered into one cluster (pockets.gather_pockets); the next run keeps each group together.
        CREATE TABLE gathered_groups (
            run_id      VARCHAR NOT NULL,
            group_id    INTEGER NOT NULL,
            cluster_id  VARCHAR NOT NULL,     -- the cluster they are in
            drawn_out   BOOLEAN NOT NULL,     -- drawn out into a cluster of its own (else joined the one holding it)
            ticket_ids  VARCHAR[] NOT NULL,
            PRIMARY KEY (run_id, group_id)
        );
        """,
    ),
    Migration(
        "0011_unknown_signal_components",
        """
        -- A component the export cannot inform (no category column: hidden; no customer, channel or product: reach)
        -- is NULL, unknown, rather than 0.
        ALTER TABLE cluster_signals ALTER COLUMN hidden DROP NOT NULL;
        ALTER TABLE cluster_signals ALTER COLUMN reach DROP NOT NULL;
        ALTER TABLE cluster_signals ALTER COLUMN emerging DROP NOT NULL;
        ALTER TABLE cluster_signals ALTER COLUMN novelty DROP NOT NULL;
        ALTER TABLE cluster_signals ALTER COLUMN intensity DROP NOT NULL;
        """,
    ),
    Migration(
        "0012_signed_in_actor",
        """
        -- Who acted, as the app's sign-in knew them (analyser/access.py). All NULL for a plain name passed by the CLI
        -- or a script (trusted: whoever can open the database file) and for rows written before sign-in existed.
        ALTER TABLE review_events ADD COLUMN actor_email VARCHAR;
        ALTER TABLE review_events ADD COLUMN actor_role VARCHAR;      -- viewer | reviewer | coach | admin
        ALTER TABLE review_events ADD COLUMN signed_in_via VARCHAR;   -- none | proxy | oidc ([app] auth)
        ALTER TABLE exports ADD COLUMN actor_email VARCHAR;
        ALTER TABLE exports ADD COLUMN actor_role VARCHAR;
        ALTER TABLE exports ADD COLUMN signed_in_via VARCHAR;
        """,
    ),
    Migration(
        "0013_growing_slices",
        """
        -- Besides recent pockets (mostly recent neighbours), growing slices are gathered too (signals/growth.py): a region
        -- of an old topic whose tickets come faster than date shuffles allow. NULL kind: a run before them (recent).
        ALTER TABLE recent_pockets ADD COLUMN kind VARCHAR;   -- recent | growth
        ALTER TABLE recent_pockets ADD COLUMN growth JSON;    -- growth: window_days, observed, expected, p_value, corrected_p
        """,
    ),
    Migration(
        "0014_ingest_recipe",
        """
        -- What an ingest depended on besides the file (ingest and redaction settings, code version), as a digest: the
        -- same file under the same recipe gives the same tickets, so a later ingest of it can skip reading it.
        ALTER TABLE ingest_files ADD COLUMN recipe VARCHAR;
        """,
    ),
)


def pending_migrations(migrations: tuple[Migration, ...], applied: set[str]) -> list[Migration]:
    """Migrations not yet applied, in order."""
    return [migration for migration in migrations if migration.name not in applied]
