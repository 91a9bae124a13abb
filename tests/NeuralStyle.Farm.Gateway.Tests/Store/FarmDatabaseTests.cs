using Dapper;
using Microsoft.Data.Sqlite;
using NeuralStyle.Farm.Gateway.Events;
using NeuralStyle.Farm.Gateway.Store;
using NeuralStyle.Farm.Gateway.Tests.Support;

namespace NeuralStyle.Farm.Gateway.Tests.Store;

public sealed class FarmDatabaseTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    [Fact]
    public void Opening_migrates_to_the_current_schema_in_wal_mode()
    {
        using var database = Open();

        Assert.Equal(FarmSchema.CurrentVersion, database.SchemaVersion);
        using var connection = Connect(database);
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet();
        Assert.Superset(new HashSet<string> { "schema_version", "sweeps", "points", "renders", "grid_pages", "events" }, tables);
    }

    [Fact]
    public async Task Reopening_applies_nothing_twice_and_keeps_the_data()
    {
        using (var first = Open())
        {
            await first.WriteAsync(write => write.Connection.ExecuteAsync(
                "INSERT INTO events (event_type, data_json, at_ms) VALUES ('sweep_submitted', '{}', 1)", transaction: write.Transaction),
                CancellationToken.None);
        }

        using var second = Open();
        using var third = Open();

        using var connection = Connect(third);
        Assert.Equal(Enumerable.Range(1, FarmSchema.CurrentVersion), connection.Query<int>("SELECT version FROM schema_version ORDER BY version"));
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public void A_database_from_a_newer_gateway_is_refused()
    {
        using (Open())
        {
        }
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "farm.db")}"))
        {
            connection.Execute("INSERT INTO schema_version (version) VALUES (@next)", new { next = FarmSchema.CurrentVersion + 1 });
        }

        var error = Assert.Throws<InvalidOperationException>(Open);

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_notifier_learns_the_last_event_id_at_open_and_after_each_commit()
    {
        var notifier = new EventNotifier();
        using (var database = new FarmDatabase(new GatewayOptions { DataDirectory = _data.Path }, notifier))
        {
            await database.WriteAsync(async write =>
            {
                write.LastEventId = await write.Connection.ExecuteScalarAsync<long>(
                    "INSERT INTO events (event_type, data_json, at_ms) VALUES ('x', '{}', 1) RETURNING event_id", transaction: write.Transaction);
                return 0;
            }, CancellationToken.None);
            Assert.Equal(1, notifier.Last);
        }

        var reopened = new EventNotifier();
        using var again = new FarmDatabase(new GatewayOptions { DataDirectory = _data.Path }, reopened);
        Assert.Equal(1, reopened.Last);
    }

    public void Dispose() => _data.Dispose();

    private FarmDatabase Open() => new(new GatewayOptions { DataDirectory = _data.Path }, new EventNotifier());

    private static SqliteConnection Connect(FarmDatabase database)
    {
        var connection = new SqliteConnection($"Data Source={database.FilePath}");
        connection.Open();
        return connection;
    }
}
