namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>
/// The gateway's schema as ordered migrations of plain SQL; migration i (from 1) brings the schema
/// to version i, recorded in <c>schema_version</c>. Never edit a published migration: add one.
/// Columns use types PostgreSQL also has (TEXT, INTEGER, BIGINT, DOUBLE PRECISION; times in Unix
/// milliseconds, GUIDs as text, flags as 0/1); only the event log's id is SQLite's own
/// (<c>INTEGER PRIMARY KEY AUTOINCREMENT</c>: increasing and never reused, which the live stream's
/// resume relies on; PostgreSQL's equivalent is an identity column).
/// </summary>
internal static class FarmSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE sweeps (
            sweep_id TEXT NOT NULL PRIMARY KEY,
            submission_order BIGINT NOT NULL UNIQUE,
            title TEXT NULL,
            spec_json TEXT NOT NULL,
            input_names_json TEXT NOT NULL,
            weights_sha256 TEXT NOT NULL,
            submitted_ms BIGINT NOT NULL,
            status TEXT NOT NULL,
            events_after BIGINT NOT NULL,
            grids_written INTEGER NOT NULL DEFAULT 0,
            closed_event_id BIGINT NULL
        );
        CREATE TABLE renders (
            render_key TEXT NOT NULL PRIMARY KEY,
            render_json TEXT NOT NULL,
            batch_key TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,
            batch_id TEXT NULL,
            worker TEXT NULL,
            iteration INTEGER NULL,
            total_iterations INTEGER NOT NULL,
            losses_json TEXT NULL,
            seconds DOUBLE PRECISION NULL,
            batch_size INTEGER NULL,
            result_sha256 TEXT NULL,
            trace_sha256 TEXT NULL,
            error_code TEXT NULL,
            error TEXT NULL,
            created_ms BIGINT NOT NULL,
            finished_ms BIGINT NULL
        );
        CREATE INDEX renders_by_status ON renders (status);
        CREATE TABLE points (
            sweep_id TEXT NOT NULL REFERENCES sweeps (sweep_id),
            point_index INTEGER NOT NULL,
            page INTEGER NOT NULL,
            grid_row INTEGER NOT NULL,
            grid_column INTEGER NOT NULL,
            coordinates_json TEXT NOT NULL,
            render_key TEXT NOT NULL REFERENCES renders (render_key),
            reused INTEGER NOT NULL,
            cancelled INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (sweep_id, point_index)
        );
        CREATE INDEX points_by_key ON points (render_key);
        CREATE TABLE grid_pages (
            sweep_id TEXT NOT NULL REFERENCES sweeps (sweep_id),
            page INTEGER NOT NULL,
            file TEXT NOT NULL,
            sha256 TEXT NULL,
            PRIMARY KEY (sweep_id, page)
        );
        CREATE TABLE events (
            event_id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_type TEXT NOT NULL,
            sweep_id TEXT NULL,
            render_key TEXT NULL,
            data_json TEXT NOT NULL,
            at_ms BIGINT NOT NULL
        );
        CREATE INDEX events_by_sweep ON events (sweep_id, event_id);
        CREATE INDEX events_by_key ON events (render_key, event_id);
        """,
    ];

    /// <summary>The version this build writes and reads.</summary>
    public static int CurrentVersion => Migrations.Count;
}
