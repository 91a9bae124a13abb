using System.Text.Json.Nodes;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Contracts.Tests;

public sealed class MessagesJsonTests
{
    private static readonly Guid Batch = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static readonly RenderLosses Losses = new(12.5, 0.25, 1e-3, 7);

    public static TheoryData<object, string[]> Messages => new()
    {
        { new RenderBatch(Batch, [Renders.Valid(), Renders.Valid() with { StartFrom = new(Renders.OtherKey, 3) }], 2), ["batch_id", "renders", "attempt"] },
        { new CancelRender(Renders.OtherKey), ["key"] },
        { new CancelSweep(Batch), ["sweep_id"] },
        { new RenderStarted(Renders.OtherKey, Batch, "gpu-1/cuda:0", 1), ["key", "batch_id", "worker", "attempt"] },
        { new RenderProgressed(Renders.OtherKey, 40, Losses, 3.5, [0x89, 0x50, 0x4e, 0x47]), ["key", "iteration", "losses", "iterations_per_second", "preview_png", "total_iterations"] },
        { new RenderProgressed(Renders.OtherKey, 40, Losses, 3.5), ["key", "iteration", "losses", "iterations_per_second", "total_iterations"] },
        { new RenderCompleted(Renders.OtherKey, Renders.Content, Losses, 61.25, "gpu-1/cuda:0", 1), ["key", "result_sha256", "losses", "seconds", "worker", "attempt", "iteration", "batch_size"] },
        { new RenderFailed(Renders.OtherKey, "device_out_of_memory", "needs 9 GiB", true, 3, "gpu-1/cuda:0"), ["key", "error_code", "message", "retryable", "attempt", "worker"] },
        { new SweepCompleted(Batch, 10, 1, 2), ["sweep_id", "completed", "failed", "cancelled"] },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_round_trips_with_snake_case_names(object message, string[] names)
    {
        var json = FarmJson.Serialize(message);

        Assert.Equal(names, JsonNode.Parse(json)!.AsObject().Select(p => p.Key));
        var back = Read(message.GetType(), json);
        Assert.Equal(json, FarmJson.Serialize(back));
        Assert.Equal(message.GetType(), back.GetType());
    }

    [Fact]
    public void Losses_name_their_terms_in_snake_case()
    {
        var json = FarmJson.Serialize(new RenderCompleted(Renders.OtherKey, Renders.Content, Losses, 1, "w", 1));

        Assert.Equal(["total", "content", "style", "tv"], JsonNode.Parse(json)!["losses"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Non_finite_losses_round_trip_as_named_literals()
    {
        var diverged = new RenderProgressed(Renders.OtherKey, 7, new(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0), double.NaN);

        var json = FarmJson.Serialize(diverged);
        var back = FarmJson.Deserialize<RenderProgressed>(json);

        Assert.Contains("\"total\":\"NaN\",\"content\":\"Infinity\",\"style\":\"-Infinity\"", json, StringComparison.Ordinal);
        Assert.Equal(diverged, back);
    }

    [Fact]
    public void An_event_with_a_field_this_version_does_not_know_still_reads_but_a_command_does_not()
    {
        var progressed = FarmJson.Deserialize<RenderProgressed>(
            $$"""{"key":"{{Renders.OtherKey}}","iteration":3,"losses":{"total":1,"content":1,"style":1,"tv":0},"iterations_per_second":2,"eta_seconds":9}""");

        Assert.Equal(3, progressed.Iteration);
        Assert.Throws<InvalidContractException>(() => FarmJson.Deserialize<CancelRender>(
            $$"""{"key":"{{Renders.OtherKey}}","reason":"x"}"""));
    }

    [Fact]
    public void A_preview_travels_as_base64_bytes()
    {
        byte[] png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

        var back = FarmJson.Deserialize<RenderProgressed>(FarmJson.Serialize(new RenderProgressed(Renders.OtherKey, 1, Losses, 1, png)));

        Assert.Equal(png, back.PreviewPng);
    }

    [Fact]
    public void Message_types_live_in_a_namespace()
    {
        // MassTransit refuses message types outside a namespace (design.md, section 2).
        Assert.All(typeof(RenderBatch).Assembly.GetExportedTypes().Where(t => t.Namespace?.EndsWith(".Messages", StringComparison.Ordinal) == true),
            t => Assert.Equal("NeuralStyle.Farm.Contracts.Messages", t.Namespace));
        Assert.Equal(10, typeof(RenderBatch).Assembly.GetExportedTypes().Count(t => t.Namespace == "NeuralStyle.Farm.Contracts.Messages"));
    }

    [Fact]
    public void A_batch_names_the_render_and_field_of_each_problem()
    {
        var batch = new RenderBatch(Batch, [Renders.Valid(), Renders.Valid() with { Weights = "/models/vgg19.safetensors" }], 0);

        Assert.Equal(["renders[1].weights", "attempt"], batch.Problems().Select(p => p.Field));
        Assert.Equal("renders", Assert.Single(new RenderBatch(Batch, [], 1).Problems()).Field);
        Assert.Empty(new RenderBatch(Batch, [Renders.Valid()], 1).Problems());
    }

    [Fact]
    public void A_batch_read_from_json_with_a_path_is_refused()
    {
        var json = $$"""{"batch_id":"{{Batch}}","renders":[{"content":"{{Renders.Content}}","styles":["/etc/passwd"],"weights":"{{Renders.Weights}}"}],"attempt":1}""";

        var problem = Assert.Single(FarmJson.Deserialize<RenderBatch>(json).Problems());

        Assert.Equal("renders[0].styles[0]", problem.Field);
        Assert.Contains("is a path", problem.Message, StringComparison.Ordinal);
    }

    private static object Read(Type type, string json) =>
        typeof(FarmJson).GetMethod(nameof(FarmJson.Deserialize))!.MakeGenericMethod(type).Invoke(null, [json])!;
}
