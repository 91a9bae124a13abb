using NeuralStyle.Farm.Gateway.Scheduling;

namespace NeuralStyle.Farm.Gateway.Tests.Scheduling;

public sealed class InFlightBatchesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;
    private static readonly string Key = new('a', 64);
    private static readonly string Other = new('b', 64);

    [Fact]
    public void A_render_sent_again_leaves_its_older_batch_so_that_batch_gives_its_slot_back()
    {
        var inFlight = new InFlightBatches();
        inFlight.Add(Guid.NewGuid(), [Key], attempt: 1, Now);

        inFlight.Add(Guid.NewGuid(), [Key], attempt: 2, Now);

        Assert.Equal(1, inFlight.Count);
        Assert.False(inFlight.Finish(Key, 1), "the first attempt's late answer frees nothing");
        Assert.True(inFlight.Finish(Key, 2));
        Assert.Equal(0, inFlight.Count);
    }

    [Fact]
    public void An_older_batch_keeps_its_slot_while_another_of_its_renders_is_out()
    {
        var inFlight = new InFlightBatches();
        inFlight.Add(Guid.NewGuid(), [Key, Other], attempt: 1, Now);

        inFlight.Add(Guid.NewGuid(), [Key], attempt: 2, Now);

        Assert.Equal(2, inFlight.Count);
        Assert.True(inFlight.Finish(Other, 1));
        Assert.Equal(1, inFlight.Count);
    }
}
