using System.Text.Json;
using MassTransit;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Gateway;
using NeuralStyle.Farm.Worker;

namespace NeuralStyle.Cli.Hosting;

/// <summary>The message bus of one process: MassTransit's in-memory transport carrying the farm's messages in the farm's JSON.</summary>
internal static class FarmBus
{
    public static void Configure(IBusRegistrationConfigurator bus, WorkerOptions? workers)
    {
        bus.AddGatewayConsumers();
        if (workers is not null)
        {
            bus.AddWorkerConsumers(workers);
        }
        bus.UsingInMemory((context, configurator) =>
        {
            configurator.ConfigureJsonSerializerOptions(UseFarmJson);
            configurator.ConfigureEndpoints(context);
        });
    }

    /// <summary>
    /// MassTransit's serializer options with the farm's names and value forms (snake_case, enums as
    /// snake_case words, NaN and infinities as named literals), so a message reads the same on the
    /// bus as over HTTP and in the next issue's broker. MassTransit's own converters stay, after ours.
    /// </summary>
    internal static JsonSerializerOptions UseFarmJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = FarmJson.Options.PropertyNamingPolicy;
        options.NumberHandling = FarmJson.Options.NumberHandling;
        for (var i = 0; i < FarmJson.Options.Converters.Count; i++)
        {
            options.Converters.Insert(i, FarmJson.Options.Converters[i]);
        }
        return options;
    }
}
