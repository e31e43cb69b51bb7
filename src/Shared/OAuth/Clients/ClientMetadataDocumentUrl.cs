namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// Which client ids are Client ID Metadata Document URLs (CIMD draft §3,
/// https://www.ietf.org/archive/id/draft-ietf-oauth-client-id-metadata-document-00.html#section-3): https, with a
/// path, no fragment, no user name or password, no "." or ".." path segments.
/// </summary>
public static class ClientMetadataDocumentUrl
{
    public const int MaximumLength = 2048;

    /// <summary>True when the client id is meant as a document URL (it starts with a URL scheme), valid or not.</summary>
    public static bool LooksLikeUrl(string clientId) =>
        clientId.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || clientId.StartsWith("http:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when <paramref name="clientId"/> is a valid document URL, else why not (plain English).</summary>
    public static string? Problem(string clientId, out Uri? url)
    {
        url = null;
        const string Prefix = "https://";
        if (!clientId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "A client id that is a web address must start with https:// (lowercase) to be a Client ID Metadata Document.";
        }

        if (clientId.Length > MaximumLength)
        {
            return $"The client id is longer than {MaximumLength} characters.";
        }

        if (clientId.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return "The client id contains spaces or control characters.";
        }

        if (clientId.Contains('#', StringComparison.Ordinal))
        {
            return "A Client ID Metadata Document URL must not contain a fragment (#).";
        }

        var authorityEnd = clientId.IndexOfAny(['/', '?'], Prefix.Length);
        var authority = authorityEnd < 0 ? clientId[Prefix.Length..] : clientId[Prefix.Length..authorityEnd];
        if (authority.Contains('@', StringComparison.Ordinal))
        {
            return "A Client ID Metadata Document URL must not contain a user name or password.";
        }

        if (!Uri.TryCreate(clientId, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            return "The client id is not a valid https URL.";
        }

        var queryStart = clientId.IndexOf('?', StringComparison.Ordinal);
        var path = authorityEnd < 0 || authorityEnd == queryStart ? "" : clientId[authorityEnd..(queryStart < 0 ? clientId.Length : queryStart)];
        if (path.Length <= 1)
        {
            return "A Client ID Metadata Document URL must have a path, such as https://example.com/client.json.";
        }

        foreach (var segment in path.Split('/'))
        {
            var decoded = Uri.UnescapeDataString(segment);
            if (decoded is "." or "..")
            {
                return "A Client ID Metadata Document URL must not contain \".\" or \"..\" path segments.";
            }
        }

        url = parsed;
        return null;
    }
}
