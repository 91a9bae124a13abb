using System.Data.Common;

namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>One write transaction: its connection, the last event it appended, and what to do once it committed.</summary>
internal sealed class WriteContext(DbConnection connection, DbTransaction transaction)
{
    private readonly List<Action> _afterCommit = [];

    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    /// <summary>Id of the last event appended in this transaction; 0 when none.</summary>
    public long LastEventId { get; set; }

    /// <summary>Runs <paramref name="action"/> after the commit (never when the transaction fails): wake-ups that must see its writes.</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    internal void RunAfterCommit()
    {
        foreach (var action in _afterCommit)
        {
            action();
        }
    }
}
