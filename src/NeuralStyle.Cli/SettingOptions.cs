using System.CommandLine;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Cli;

/// <summary>One CLI option per setting of the catalog: <c>style_weight</c> is <c>--style-weight</c>.</summary>
internal sealed class SettingOptions
{
    private readonly List<(SettingDefinition Definition, Option<string> Option)> _options;

    public SettingOptions()
    {
        _options = SettingCatalog.All
            .Select(d => (d, new Option<string>(d.OptionName)
            {
                Description = $"{d.Description} [default: {d.DefaultText}]",
                // A flag alone means true, and never takes the next --option as its value.
                Arity = d.IsFlag ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
            }))
            .ToList();
    }

    public void AddTo(Command command)
    {
        foreach (var (_, option) in _options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings given on the command line, in catalog order.</summary>
    public IEnumerable<KeyValuePair<string, SettingValue>> Given(ParseResult parse) =>
        _options
            .Where(o => parse.GetResult(o.Option) is { Implicit: false })
            .Select(o => KeyValuePair.Create(o.Definition.Name,
                SettingValue.Of(parse.GetValue(o.Option) ?? (o.Definition.IsFlag ? "true" : ""))));
}
