using System.Text.Json;

namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// The client metadata this server uses (RFC 7591 §2), read from a registration request or a Client ID Metadata
/// Document by the same rules: public clients only (<c>token_endpoint_auth_method</c> <c>none</c>), the
/// authorization code flow only, redirect URIs by <see cref="RedirectUriRules"/>. Metadata this server does not
/// use is ignored (RFC 7591 §2: "MUST ignore any client metadata sent by the client that it does not understand").
/// </summary>
public sealed record ClientMetadata(
    string? ClientName,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> ResponseTypes,
    string? ApplicationType,
    Uri? ClientUri,
    Uri? LogoUri)
{
    /// <summary>How deep a registration request or metadata document may nest: its members are at most arrays of strings.</summary>
    public const int MaximumDepth = 16;
    public const int MaximumNameLength = 200;
    public const int MaximumRedirectUris = 20;
    public const string TokenEndpointAuthMethod = "none";

    private static readonly string[] AllowedGrantTypes = ["authorization_code", "refresh_token"];

    /// <param name="root">
    /// From <see cref="CampaignMcp.Serialization.InteroperableJson.Parse"/>, so that every string reads without
    /// throwing and no member has a second value that another reader might take.
    /// </param>
    /// <param name="registration">
    /// A registration request (RFC 7591) rather than a metadata document: a request for a client secret
    /// (<c>client_secret_basic</c> or <c>client_secret_post</c>, which the official C# SDK sends) is registered as a
    /// public client instead, and the response says <c>none</c> (§3.2.1: the server may replace requested values).
    /// </param>
    public static ClientMetadata? Read(JsonElement root, out ClientMetadataProblem? problem, bool registration = false)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = Invalid("The client metadata must be a JSON object.");
            return null;
        }

        var applicationType = OptionalString(root, "application_type", ref problem);
        if (applicationType is not null && !ApplicationTypes.IsKnown(applicationType))
        {
            problem ??= Invalid("application_type must be \"web\" or \"native\".");
        }

        var authMethod = OptionalString(root, "token_endpoint_auth_method", ref problem);
        if (authMethod is not null && authMethod != TokenEndpointAuthMethod
            && !(registration && authMethod is "client_secret_basic" or "client_secret_post"))
        {
            // RFC 7591 §2: a public client uses "none"; this server issues no client secrets.
            problem ??= Invalid("token_endpoint_auth_method must be \"none\": this server registers public clients only, which use PKCE instead of a secret.");
        }

        var name = OptionalString(root, "client_name", ref problem);
        if (name is not null && NameProblem(name) is { } nameProblem)
        {
            problem ??= Invalid(nameProblem);
        }

        var grantTypes = StringArray(root, "grant_types", ref problem) ?? ["authorization_code"];
        if (problem is null && grantTypes.FirstOrDefault(type => !AllowedGrantTypes.Contains(type)) is { } grant)
        {
            problem = Invalid($"grant_types may hold only authorization_code and refresh_token, not \"{Shorten(grant)}\".");
        }
        else if (problem is null && !grantTypes.Contains("authorization_code"))
        {
            problem = Invalid("grant_types must include authorization_code.");
        }

        var responseTypes = StringArray(root, "response_types", ref problem) ?? ["code"];
        if (problem is null && responseTypes.Any(type => type != "code"))
        {
            // RFC 7591 §2.1: response type "code" goes with grant type authorization_code; OAuth 2.1 has no other.
            problem = Invalid("response_types may hold only \"code\".");
        }

        var clientUri = OptionalHttpsUri(root, "client_uri", ref problem);
        var logoUri = OptionalHttpsUri(root, "logo_uri", ref problem);
        var redirectUris = StringArray(root, "redirect_uris", ref problem);
        if (problem is not null)
        {
            return null;
        }

        if (redirectUris is null || redirectUris.Count == 0)
        {
            problem = new(RegistrationErrorCodes.InvalidRedirectUri, "redirect_uris must list at least one redirect URI.");
            return null;
        }

        if (redirectUris.Count > MaximumRedirectUris)
        {
            problem = new(RegistrationErrorCodes.InvalidRedirectUri, $"redirect_uris may list at most {MaximumRedirectUris} redirect URIs.");
            return null;
        }

        foreach (var redirectUri in redirectUris)
        {
            if (RedirectUriRules.Problem(redirectUri, applicationType) is { } redirectProblem)
            {
                problem = new(RegistrationErrorCodes.InvalidRedirectUri, redirectProblem);
                return null;
            }
        }

        return new ClientMetadata(name, redirectUris.Distinct(StringComparer.Ordinal).ToArray(), grantTypes.Distinct().ToArray(), responseTypes.Distinct().ToArray(), applicationType, clientUri, logoUri);
    }

    /// <summary>The name to show: the client's own, else <paramref name="fallback"/>.</summary>
    public string DisplayName(string fallback) => ClientName ?? fallback;

    private static string? NameProblem(string name)
    {
        if (name.Length > MaximumNameLength)
        {
            return $"client_name must be at most {MaximumNameLength} characters.";
        }

        if (name.Any(char.IsControl))
        {
            return "client_name must not contain control characters.";
        }

        return string.IsNullOrWhiteSpace(name) ? "client_name must not be blank." : null;
    }

    private static string? OptionalString(JsonElement root, string name, ref ClientMetadataProblem? problem)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problem ??= Invalid($"{name} must be a string.");
            return null;
        }

        return value.GetString();
    }

    private static List<string>? StringArray(JsonElement root, string name, ref ClientMetadataProblem? problem)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            problem ??= name == "redirect_uris"
                ? new(RegistrationErrorCodes.InvalidRedirectUri, "redirect_uris must be an array of strings.")
                : Invalid($"{name} must be an array of strings.");
            return null;
        }

        return value.EnumerateArray().Select(item => item.GetString()!).ToList();
    }

    private static Uri? OptionalHttpsUri(JsonElement root, string name, ref ClientMetadataProblem? problem)
    {
        if (OptionalString(root, name, ref problem) is not { } text)
        {
            return null;
        }

        if (text.Length > RedirectUriRules.MaximumLength
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || uri.UserInfo.Length > 0)
        {
            problem ??= Invalid($"{name} must be an https URL without a user name or password.");
            return null;
        }

        return uri;
    }

    private static ClientMetadataProblem Invalid(string message) => new(RegistrationErrorCodes.InvalidClientMetadata, message);

    private static string Shorten(string value)
    {
        var clean = new string(value.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length > 40 ? clean[..40] + "…" : clean;
    }
}
