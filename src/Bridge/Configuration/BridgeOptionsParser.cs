namespace CampaignMcp.Bridge.Configuration;

/// <summary>
/// Reads <c>MCP_SERVER_URL</c>, <c>API_KEY</c>, <c>MCP_CLIENT_ID</c>, <c>MCP_SCOPES</c> and the flags that
/// override them. Every problem is one sentence naming the setting, for one line on stderr.
/// </summary>
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

    public static BridgeOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment, out string? error)
    {
        string? Flag(string name) => args.Zip(args.Skip(1)).Where(pair => pair.First == name).Select(pair => pair.Second).FirstOrDefault();

        error = null;
        var known = new HashSet<string> { "--server-url", "--client-id", "--scopes", "--transport" };
        for (var i = 0; i < args.Count; i++)
        {
            if (known.Contains(args[i]))
            {
                if (i + 1 >= args.Count)
                {
                    error = $"{args[i]} needs a value.";
                    return null!;
                }

                i++;
            }
            else if (args[i] is not "--verbose" and not "-v")
            {
                error = args[i] == "--api-key"
                    ? "Pass the API key in the API_KEY environment variable, not on the command line (command lines are visible to other processes)."
                    : $"Unknown argument '{args[i]}'. Run campaign-mcp-bridge --help.";
                return null!;
            }
        }

        var serverText = Flag("--server-url") ?? environment("MCP_SERVER_URL");
        if (string.IsNullOrWhiteSpace(serverText))
        {
            error = "MCP_SERVER_URL is not set: set it to the server's base URL, e.g. https://<app>.azurewebsites.net or http://127.0.0.1:7071.";
            return null!;
        }

        if (!Uri.TryCreate(serverText.Trim(), UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(server.Query))
        {
            error = $"MCP_SERVER_URL '{serverText}' is not an http(s) URL like https://<app>.azurewebsites.net.";
            return null!;
        }

        var apiKey = environment("API_KEY");
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            error = "API_KEY is not set: set it to the server's API key (the value of the server's API_KEY setting).";
            return null!;
        }

        var clientId = Flag("--client-id") ?? environment("MCP_CLIENT_ID");
        clientId = string.IsNullOrWhiteSpace(clientId) ? BridgeOptions.DefaultClientId : clientId.Trim();
        var scopesText = Flag("--scopes") ?? environment("MCP_SCOPES");
        var scopes = string.IsNullOrWhiteSpace(scopesText)
            ? BridgeOptions.AllScopes
            : scopesText.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var transportText = Flag("--transport") ?? "signalr";
        BridgeTransport transport;
        switch (transportText.ToLowerInvariant())
        {
            case "signalr":
                transport = BridgeTransport.SignalR;
                break;
            case "http":
                transport = BridgeTransport.Http;
                break;
            default:
                error = $"--transport must be signalr or http, not '{transportText}'.";
                return null!;
        }

        var timeoutText = environment("MCP_REQUEST_TIMEOUT");
        var requestTimeout = BridgeOptions.DefaultRequestTimeout;
        if (!string.IsNullOrWhiteSpace(timeoutText))
        {
            if (!int.TryParse(timeoutText.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 3600)
            {
                error = $"MCP_REQUEST_TIMEOUT '{timeoutText}' must be a whole number of seconds from 1 to 3600.";
                return null!;
            }

            requestTimeout = TimeSpan.FromSeconds(seconds);
        }

        // Relative endpoint URLs resolve under the base path only with a trailing slash.
        var baseUrl = new Uri(server.AbsoluteUri.TrimEnd('/') + "/");
        return new BridgeOptions(baseUrl, apiKey.Trim(), clientId, scopes, transport, requestTimeout, args.Contains("--verbose") || args.Contains("-v"));
    }
}
