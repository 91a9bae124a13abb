using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>
/// Who may change the farm: with API keys configured, every mutating request under <c>/api</c>
/// needs one (header <c>X-Api-Key</c>); without, the gateway is open and so may listen only on
/// loopback. Reads stay open either way.
/// </summary>
public static class ApiKeyPolicy
{
    /// <summary>
    /// Refuses to start a gateway that listens beyond loopback with no API key configured: throws
    /// <see cref="InvalidOperationException"/> naming the address. Loopback is 127.0.0.0/8, ::1 and
    /// <c>localhost</c>; a Unix socket is local too. Everything else (0.0.0.0, [::], *, +, a LAN
    /// address, a host name) is reachable from elsewhere. No URLs means Kestrel's default, localhost.
    /// </summary>
    /// <param name="urls">The server's listen URLs, as <c>--urls</c> gives them (<c>http://127.0.0.1:5170</c>).</param>
    /// <param name="options">The gateway's options; their <see cref="GatewayOptions.ApiKeys"/> decide.</param>
    public static void RequireApiKeysBeyondLoopback(IEnumerable<string> urls, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(options);
        if (ConfiguredKeys(options).Count > 0)
        {
            return;
        }
        foreach (var url in urls)
        {
            if (!IsLocal(url))
            {
                throw new InvalidOperationException(
                    $"the gateway would listen on {url}, beyond loopback, with no API key: anyone who reaches it could submit and cancel. " +
                    "Configure keys (Farm:ApiKeys, --api-key or NSF_API_KEYS), or listen on 127.0.0.1, [::1] or localhost.");
            }
        }
    }

    /// <summary>The keys that count: configured and not blank (a blank key would let an empty header in).</summary>
    internal static IReadOnlyList<string> ConfiguredKeys(GatewayOptions options) =>
        options.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToArray();

    /// <summary>
    /// True when <paramref name="presented"/> is one of <paramref name="keys"/>. Compares SHA-256
    /// digests in constant time and checks every key, so neither the time taken nor an early exit
    /// tells a caller how much of a key it guessed or how long the keys are.
    /// </summary>
    internal static bool Accepts(IReadOnlyList<string> keys, string presented)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var accepted = false;
        foreach (var key in keys)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(digest, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }
        return accepted;
    }

    /// <summary>True for an address only this machine reaches.</summary>
    internal static bool IsLocal(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"'{url}' is not a listen URL (such as http://127.0.0.1:5170): {e.Message}", e);
        }
        if (address.IsUnixPipe)
        {
            return true;
        }
        var host = address.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip));
    }
}
