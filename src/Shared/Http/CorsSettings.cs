using CampaignMcp.Configuration;

namespace CampaignMcp.Http;

/// <summary>The browser origins allowed to call the app (<c>MCP_CORS_ORIGIN</c>), as the original read them.</summary>
public sealed class CorsSettings : ISettingsArea
{
    public static readonly IReadOnlyList<string> DefaultOrigins = ["https://claude.ai", "https://chat.openai.com", "https://cursor.sh"];

    public required IReadOnlyList<string> Origins { get; init; }

    public bool AllowsAnyOrigin => Origins.Contains("*");

    public IReadOnlyList<ConfigurationIssue> Issues => [];

    public IReadOnlyList<string> Warnings => AllowsAnyOrigin ? [$"{SettingNames.CorsOrigin} allows every browser origin"] : [];

    public static CorsSettings Read(SettingsReader reader)
    {
        var origins = reader.List(SettingNames.CorsOrigin, StringComparer.Ordinal);
        foreach (var origin in origins)
        {
            if (origin != "*" && !IsOrigin(origin))
            {
                reader.Problem(SettingNames.CorsOrigin, $"has '{origin}', which is not an origin like https://claude.ai (scheme and host, no path)");
            }
        }

        return new CorsSettings { Origins = origins.Count == 0 ? DefaultOrigins : origins };
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.GetLeftPart(UriPartial.Authority) == value;
}
