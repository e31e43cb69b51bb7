using System.Globalization;

namespace CampaignMcp.Bridge.Configuration;

/// <summary>The settings of <see cref="Usage"/>; each problem is an <see cref="ArgumentException"/> of one sentence naming the setting.</summary>
public static class BridgeOptionsParser
{
    public const string Usage = """
        campaign-mcp-bridge [--server-url URL] [--client-id ID] [--scopes "a b"] [--transport signalr|http] [--verbose]
        campaign-mcp-bridge config [--server-url URL]

          A stdio MCP server that forwards to a Campaign MCP server. Settings come from the environment:
            MCP_SERVER_URL   the Function App's base URL, e.g. https://<app>.azurewebsites.net (required)
            API_KEY          the key that buys tokens (required; never pass it as a flag)
            MCP_CLIENT_ID    client id for tokens (default: claude)
            MCP_SCOPES       space- or comma-separated scopes (default: every scope)
            MCP_REQUEST_TIMEOUT  seconds a request may take, retries included, before it is answered
                             with an error (default: 60)
        """;

    private static readonly IReadOnlyList<string> AllScopes = ["campaigns:read", "campaigns:export", "tools:call"];

    public static BridgeOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var flags = new Dictionary<string, string>();
        var verbose = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--server-url" or "--client-id" or "--scopes" or "--transport" when i + 1 < args.Count:
                    flags.TryAdd(args[i], args[++i]);
                    break;
                case "--server-url" or "--client-id" or "--scopes" or "--transport":
                    throw new ArgumentException($"{args[i]} needs a value.");
                case "--verbose" or "-v":
                    verbose = true;
                    break;
                case "--api-key":
                    throw new ArgumentException("Pass the API key in the API_KEY environment variable, not on the command line (command lines are visible to other processes).");
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Run campaign-mcp-bridge --help.");
            }
        }

        string? Setting(string flag, string variable) => flags.TryGetValue(flag, out var value) ? value : environment(variable);
        static string Required(string? value, string problem) => string.IsNullOrWhiteSpace(value) ? throw new ArgumentException(problem) : value;

        var serverText = Required(Setting("--server-url", "MCP_SERVER_URL"), "MCP_SERVER_URL is not set: set it to the server's base URL, e.g. https://<app>.azurewebsites.net or http://127.0.0.1:7071.");
        if (!Uri.TryCreate(serverText.Trim(), UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https") || server.Query.Length > 0)
        {
            throw new ArgumentException($"MCP_SERVER_URL '{serverText}' is not an http(s) URL like https://<app>.azurewebsites.net.");
        }

        var apiKey = Required(environment("API_KEY"), "API_KEY is not set: set it to the server's API key (the value of the server's API_KEY setting).");

        var clientId = Setting("--client-id", "MCP_CLIENT_ID");
        var scopes = Setting("--scopes", "MCP_SCOPES");
        var transportText = flags.GetValueOrDefault("--transport", "signalr");
        var transport = transportText.ToLowerInvariant() switch
        {
            "signalr" => BridgeTransport.SignalR,
            "http" => BridgeTransport.Http,
            _ => throw new ArgumentException($"--transport must be signalr or http, not '{transportText}'."),
        };

        var timeoutText = environment("MCP_REQUEST_TIMEOUT");
        var seconds = 60;
        if (!string.IsNullOrWhiteSpace(timeoutText) && (!int.TryParse(timeoutText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds is < 1 or > 3600))
        {
            throw new ArgumentException($"MCP_REQUEST_TIMEOUT '{timeoutText}' must be a whole number of seconds from 1 to 3600.");
        }

        return new BridgeOptions(
            new Uri(server.AbsoluteUri.TrimEnd('/') + "/"), // relative endpoint URLs resolve under the base path only with a trailing slash
            apiKey.Trim(),
            string.IsNullOrWhiteSpace(clientId) ? "claude" : clientId.Trim(),
            string.IsNullOrWhiteSpace(scopes) ? AllScopes : scopes.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            transport,
            TimeSpan.FromSeconds(seconds),
            verbose);
    }
}
