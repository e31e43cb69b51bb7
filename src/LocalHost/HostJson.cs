using System.Text.Json;

namespace CampaignMcp.LocalHost;

/// <summary>Reads <c>extensions.http.routePrefix</c> from the same host.json the Functions host uses (default <c>api</c>).</summary>
public static class HostJson
{
    public static string RoutePrefix(string hostJsonPath)
    {
        if (!File.Exists(hostJsonPath))
        {
            return "api";
        }

        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            && prefix.ValueKind == JsonValueKind.String
            ? prefix.GetString()!
            : "api";
    }
}
