using System.CommandLine;
using System.Text.RegularExpressions;

namespace NeuralStyle.Cli.Commands;

/// <summary><c>--device cpu|cuda|cuda:N</c>: the device a process's workers render on.</summary>
internal static partial class DeviceOption
{
    public static Option<string> Create()
    {
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N: the device the workers render on", DefaultValueFactory = _ => "cpu" };
        device.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!Device().IsMatch(text ?? ""))
            {
                result.AddError($"--device '{text}' is not cpu, cuda or cuda:N");
            }
        });
        return device;
    }

    [GeneratedRegex(@"\A(?:cpu|cuda(?::[0-9]{1,3})?)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Device();
}
