using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Sweeps;

/// <summary>Tiny sweep plans (32 px, a few iterations) over the fixture's images and weights.</summary>
internal static class SweepTestPlans
{
    public static SweepPlan Plan(EngineFixture fixture, string axes, string extraSettings = "", int iterations = 3) =>
        SweepPlanner.Expand(SweepSpecParser.Parse(
            $"content: {fixture.Content32}\nstyle: {fixture.Style32}\n" +
            $"settings: {{size: 32, iterations: {iterations}, weights: {fixture.WeightsPath}{extraSettings}}}\naxes:\n{axes}", "/"), []);
}
