using CampaignMcp.Configuration;

namespace CampaignMcp.Http;

/// <summary>
/// Where the caller's address comes from (<c>MCP_CLIENT_IP_HEADER</c>). Unset, the default: the connection's
/// peer, which no caller can choose. Under the Functions host that is already the address the host saw: the
/// worker's ASP.NET Core integration runs <c>UseForwardedHeaders</c> over the <c>X-Forwarded-For</c> that the
/// host's proxy sets (it replaces, never appends). Set it to the one header that the proxy in front of the app
/// writes itself, e.g. <c>X-Azure-ClientIP</c> behind Azure Front Door; <c>X-Forwarded-For</c> means its last
/// entry, the one the nearest proxy appended. A header the caller can set freely must never be named here:
/// every caller would pick a fresh address for the failed-attempt limit. docs/operations.md has the table.
/// </summary>
public sealed class ClientAddressSettings : ISettingsArea
{
    public static readonly ClientAddressSettings Connection = new() { Header = null };

    /// <summary>The trusted header, or null for the connection's peer.</summary>
    public required string? Header { get; init; }

    public IReadOnlyList<ConfigurationIssue> Issues => [];

    public IReadOnlyList<string> Warnings => [];

    public static ClientAddressSettings Read(SettingsReader reader)
    {
        var header = reader.Text(SettingNames.ClientIpHeader)?.Trim();
        if (header is not null && !header.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            reader.Problem(SettingNames.ClientIpHeader, "must be one HTTP header name such as X-Azure-ClientIP (letters, digits, '-' and '_'), or unset for the connection's address");
            header = null;
        }

        return new ClientAddressSettings { Header = header };
    }
}
