using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using NeuralStyle.Farm.Gateway.Events;

namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>
/// The gateway's SQLite database (<c>&lt;data&gt;/farm.db</c>): opened and migrated at construction,
/// WAL (readers never wait for the writer), synchronous=NORMAL (a power cut may lose the last
/// commits, never corrupt), a busy timeout. One connection per operation, from the driver's pool.
/// Writes are serialised by one lock in the process, so a read-decide-write runs alone and event
/// ids become visible in increasing order, which <see cref="EventNotifier"/> readers rely on.
/// Thread-safe.
/// </summary>
internal sealed class FarmDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly EventNotifier _notifier;

    static FarmDatabase()
    {
        SystemSqlite.Install();
        // Columns are snake_case; row types are PascalCase.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public FarmDatabase(GatewayOptions options, EventNotifier notifier)
    {
        ArgumentNullException.ThrowIfNull(options);
        _notifier = notifier;
        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, "farm.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        SchemaVersion = Migrate();
        using var connection = Open();
        _notifier.Published(connection.ExecuteScalar<long?>("SELECT MAX(event_id) FROM events") ?? 0);
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>The schema version found or brought about at open; equals <see cref="FarmSchema.CurrentVersion"/>.</summary>
    public int SchemaVersion { get; }

    /// <summary>Runs <paramref name="read"/> on a connection of its own (a consistent snapshot only within one statement or an explicit transaction).</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = Open();
        return await read(connection);
    }

    /// <summary>Runs <paramref name="read"/> in a read transaction: one consistent snapshot across its statements, never blocking the writer.</summary>
    public async Task<T> ReadSnapshotAsync<T>(Func<DbConnection, DbTransaction, Task<T>> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = Open();
        // Deferred: a read takes no write lock (an immediate transaction would queue behind the writer).
        await using var transaction = connection.BeginTransaction(deferred: true);
        return await read(connection, transaction);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one immediate transaction, alone among this process's
    /// writes, then (after the commit) wakes event readers and runs the context's after-commit actions.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<WriteContext, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        WriteContext context;
        T result;
        try
        {
            await using var connection = Open();
            await using var transaction = connection.BeginTransaction(deferred: false);
            context = new WriteContext(connection, transaction);
            result = await write(context);
            transaction.Commit();
        }
        finally
        {
            _writeLock.Release();
        }
        if (context.LastEventId > 0)
        {
            _notifier.Published(context.LastEventId);
        }
        context.RunAfterCommit();
        return result;
    }

    public void Dispose() => _writeLock.Dispose();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;");
        return connection;
    }

    private int Migrate()
    {
        using var connection = Open();
        // Persistent in the file; must be set outside a transaction.
        connection.Execute("PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", transaction: transaction);
        var version = connection.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_version", transaction: transaction) ?? 0;
        if (version > FarmSchema.CurrentVersion)
        {
            throw new InvalidOperationException(
                $"the database {FilePath} has schema version {version}, newer than this gateway's {FarmSchema.CurrentVersion}; run a newer nsf");
        }
        for (var next = version + 1; next <= FarmSchema.CurrentVersion; next++)
        {
            connection.Execute(FarmSchema.Migrations[next - 1], transaction: transaction);
            connection.Execute("INSERT INTO schema_version (version) VALUES (@next)", new { next }, transaction);
        }
        transaction.Commit();
        return FarmSchema.CurrentVersion;
    }
}
