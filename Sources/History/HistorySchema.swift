/// The tables of a history store, as migrations. A run's results are kept per file, content
/// addressed: `file_state` is one file's symbols and findings, identified by a digest of them, and
/// a run links to its files' states (`run_file`). A file whose results did not change since any
/// earlier run costs one link row, not its symbols and findings again — what keeps recording a
/// run of the whole standard library cheap when most of it is unchanged, as in CI.
///
/// Each store applies the migrations it has not applied yet, in order, and refuses a store that
/// has migrations it does not know (a newer docharness wrote it). SQLite and PostgreSQL share the
/// tables; their SQL differs in types only.
enum HistorySchema {
    /// One step of the schema, written once for both databases: `{serial}`, `{integer}`, `{real}`
    /// and `{compact}` become each one's types (SQLite's tables keyed by their primary key are
    /// `WITHOUT ROWID`).
    struct Migration: Sendable {
        /// Its name, recorded by the store once applied.
        var identifier: String
        /// The statements, with the type placeholders.
        var sql: String

        /// The statements for SQLite.
        var sqlite: String {
            sql.replacingOccurrences(of: "{serial}", with: "INTEGER PRIMARY KEY AUTOINCREMENT").replacingOccurrences(of: "{integer}", with: "INTEGER")
                .replacingOccurrences(of: "{real}", with: "REAL").replacingOccurrences(of: "{compact}", with: "WITHOUT ROWID")
        }

        /// The statements for PostgreSQL.
        var postgres: String {
            sql.replacingOccurrences(of: "{serial}", with: "BIGSERIAL PRIMARY KEY").replacingOccurrences(of: "{integer}", with: "BIGINT")
                .replacingOccurrences(of: "{real}", with: "DOUBLE PRECISION").replacingOccurrences(of: " {compact}", with: "")
        }
    }

    /// Every migration, oldest first. Never edit one that has shipped; add the next.
    static let migrations: [Migration] = [
        Migration(identifier: "v1-runs-symbols-findings-estimators", sql: """
            CREATE TABLE run (
                id {serial},
                started_at {real} NOT NULL,
                command TEXT NOT NULL,
                paths TEXT NOT NULL,
                git_commit TEXT,
                git_branch TEXT,
                configuration_hash TEXT NOT NULL,
                template_version TEXT,
                model TEXT,
                tokenizer TEXT,
                passed {integer} NOT NULL,
                symbols {integer} NOT NULL,
                documented {integer} NOT NULL,
                coverage {real} NOT NULL,
                completeness {real} NOT NULL,
                clarity {real} NOT NULL,
                style {real} NOT NULL,
                complexity {real} NOT NULL,
                overall {real} NOT NULL,
                findings {integer} NOT NULL,
                safe_zone {integer},
                minimum_headroom {integer},
                requests {integer},
                retries {integer},
                rate_limited {integer},
                latency_p50 {real},
                latency_p95 {real},
                wall_seconds {real}
            );
            CREATE INDEX run_by_command ON run (command, configuration_hash, id);
            CREATE TABLE file_state (
                id {serial},
                digest TEXT NOT NULL UNIQUE,
                path TEXT NOT NULL
            );
            CREATE TABLE run_file (
                run_id {integer} NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                ordinal {integer} NOT NULL,
                file_state_id {integer} NOT NULL REFERENCES file_state (id),
                PRIMARY KEY (run_id, ordinal)
            ) {compact};
            CREATE TABLE symbol (
                file_state_id {integer} NOT NULL REFERENCES file_state (id) ON DELETE CASCADE,
                ordinal {integer} NOT NULL,
                qualname TEXT NOT NULL,
                kind TEXT NOT NULL,
                line {integer} NOT NULL,
                documented {integer} NOT NULL,
                completeness {real},
                clarity {real},
                style {real},
                complexity {real},
                overall {real},
                before_overall {real},
                outcome TEXT,
                docstring TEXT,
                prompt_tokens {integer},
                estimated_prompt_tokens {integer},
                max_tokens {integer},
                PRIMARY KEY (file_state_id, ordinal)
            ) {compact};
            CREATE TABLE finding (
                file_state_id {integer} NOT NULL REFERENCES file_state (id) ON DELETE CASCADE,
                ordinal {integer} NOT NULL,
                symbol_ordinal {integer},
                symbol TEXT,
                code TEXT NOT NULL,
                dimension TEXT NOT NULL,
                subject TEXT NOT NULL,
                message TEXT NOT NULL,
                line {integer} NOT NULL,
                penalty {real} NOT NULL,
                fingerprint TEXT NOT NULL,
                PRIMARY KEY (file_state_id, ordinal)
            ) {compact};
            CREATE TABLE estimator (
                run_id {integer} NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                source TEXT NOT NULL,
                estimator TEXT NOT NULL,
                count {integer} NOT NULL,
                exact {integer} NOT NULL,
                mean_absolute_percent_error {real} NOT NULL,
                signed_bias_percent {real} NOT NULL,
                p95_absolute_percent_error {real} NOT NULL,
                safe_zone_crossings {integer} NOT NULL,
                PRIMARY KEY (run_id, source, estimator)
            ) {compact};
            """),
        Migration(identifier: "v2-original-docstring", sql: """
            ALTER TABLE symbol ADD COLUMN original_docstring TEXT;
            """),
    ]

    /// The columns of `run` in the order the stores write and read them.
    static let runColumns = [
        "started_at", "command", "paths", "git_commit", "git_branch", "configuration_hash", "template_version", "model", "tokenizer",
        "passed", "symbols", "documented", "coverage", "completeness", "clarity", "style", "complexity", "overall", "findings",
        "safe_zone", "minimum_headroom", "requests", "retries", "rate_limited", "latency_p50", "latency_p95", "wall_seconds",
    ]

    /// The columns of `symbol`, after `file_state_id` and `ordinal`.
    static let symbolColumns = [
        "qualname", "kind", "line", "documented", "completeness", "clarity", "style", "complexity", "overall",
        "before_overall", "outcome", "docstring", "prompt_tokens", "estimated_prompt_tokens", "max_tokens", "original_docstring",
    ]

    /// The columns of `finding`, after `file_state_id` and `ordinal`.
    static let findingColumns = [
        "symbol_ordinal", "symbol", "code", "dimension", "subject", "message", "line", "penalty", "fingerprint",
    ]

    /// The columns of `estimator`, after `run_id`.
    static let estimatorColumns = [
        "source", "estimator", "count", "exact", "mean_absolute_percent_error", "signed_bias_percent", "p95_absolute_percent_error",
        "safe_zone_crossings",
    ]
}
