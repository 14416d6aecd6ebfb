-- Planner job records, their submitted inputs and report files in PostgreSQL (cluster mode, docs/planner.md), so every
-- node reads and downloads every job without a shared data folder. Hangfire's own tables (its queue) live in their
-- own schema (Cluster:HangfireSchema); these tables are ours and are the system of record of the jobs.
--
-- Idempotent (every object is created if missing; version rows are only added). Applied at server start by
-- PlannerSchema, serialised by an advisory lock, or by hand with the schema as a psql variable:
--   psql "postgresql://USER:PASSWORD@127.0.0.1:5432/DATABASE" -v ON_ERROR_STOP=1 -v schema=planner -f planner-postgresql.sql

CREATE SCHEMA IF NOT EXISTS :"schema";

CREATE TABLE IF NOT EXISTS :"schema".planner_schema_version
(
    version    integer     NOT NULL PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- Version 1: one row per job; the record is the same JSON the single-process store keeps in job.json.
CREATE TABLE IF NOT EXISTS :"schema".planner_jobs
(
    id           text        NOT NULL PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{1,40}$'),
    submitted_at timestamptz NOT NULL,
    record       jsonb       NOT NULL
);
CREATE INDEX IF NOT EXISTS planner_jobs_submitted ON :"schema".planner_jobs (submitted_at DESC, id DESC);

-- The submitted inputs (scenario.json, pupils.csv), as text.
CREATE TABLE IF NOT EXISTS :"schema".planner_job_inputs
(
    job_id  text NOT NULL REFERENCES :"schema".planner_jobs (id) ON DELETE CASCADE,
    name    text NOT NULL,
    content text NOT NULL,
    PRIMARY KEY (job_id, name)
);

-- Report files of a finished job (bytea: each file is read whole; Planner:MaxFileBytes bounds them, 1 GB is bytea's limit).
CREATE TABLE IF NOT EXISTS :"schema".planner_job_files
(
    job_id     text   NOT NULL REFERENCES :"schema".planner_jobs (id) ON DELETE CASCADE,
    name       text   NOT NULL,
    size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
    content    bytea  NOT NULL,
    PRIMARY KEY (job_id, name)
);

INSERT INTO :"schema".planner_schema_version (version) VALUES (1) ON CONFLICT (version) DO NOTHING;
