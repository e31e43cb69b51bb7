using System.Net;
using CampaignMcp.Configuration;
using CampaignMcp.Tokens;

namespace CampaignMcp.SignIn;

/// <summary>
/// Sign-in with the organization's OpenID Connect provider (authorization code + PKCE, as a confidential client):
/// the issuer, this app's registration there, who may sign in and which scopes each app role grants.
/// </summary>
public sealed class IdentityProviderSettings : ISettingsArea
{
    /// <summary>The issuer as configured, without a trailing slash; null when sign-in with a provider is off.</summary>
    public string? Issuer { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    /// <summary>The user-assigned managed identity whose token is the client assertion, when there is no secret.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>The provider's name on the page: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; init; } = "your organization";

    public required SignInMethods Methods { get; init; }

    /// <summary>Empty: anyone the provider signs in (a single-tenant Entra issuer signs in only its tenant).</summary>
    public required IReadOnlyList<SignInAllowRule> Allowed { get; init; }

    /// <summary>Role → scopes. Empty: every admitted user may have the default scopes.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> RoleScopes { get; init; }

    public bool IsConfigured => Issuer is not null && ClientId is not null && (ClientSecret is not null || ManagedIdentityClientId is not null);

    public IReadOnlyList<ConfigurationIssue> Issues => [];

    public required IReadOnlyList<string> Warnings { get; init; }

    public static IdentityProviderSettings Read(SettingsReader reader, DeploymentSettings deployment)
    {
        var issuer = ReadIssuer(reader);
        var clientId = reader.Text(SettingNames.OidcClientId)?.Trim();
        var secret = reader.Text(SettingNames.OidcClientSecret);
        var managedIdentity = reader.Text(SettingNames.OidcManagedIdentityClientId)?.Trim();
        if (issuer is not null && clientId is null)
        {
            reader.Problem(SettingNames.OidcClientId, $"{reader.Unset(SettingNames.OidcClientId)}: it is required with {SettingNames.OidcIssuer}");
        }

        if (issuer is not null && secret is null && managedIdentity is null)
        {
            reader.Problem(SettingNames.OidcClientSecret, $"{reader.Unset(SettingNames.OidcClientSecret)}: with {SettingNames.OidcIssuer}, set it or {SettingNames.OidcManagedIdentityClientId} (a federated credential)");
        }

        var methods = ReadMethods(reader, issuer is not null);
        var allowed = ReadAllowed(reader);
        var roleScopes = ReadRoleScopes(reader);
        var warnings = new List<string>();
        if (issuer is not null && allowed.Count == 0)
        {
            warnings.Add($"anyone {issuer} signs in may use the server because {SettingNames.OidcAllowed} is not set");
        }

        if (issuer is not null && roleScopes.Count == 0)
        {
            warnings.Add($"every signed-in user may have the default scopes because {SettingNames.OidcRoleScopes} is not set");
        }

        return new IdentityProviderSettings
        {
            Issuer = issuer,
            ClientId = clientId,
            ClientSecret = secret,
            ManagedIdentityClientId = managedIdentity,
            DisplayName = reader.Text(SettingNames.OidcDisplayName)?.Trim() ?? DefaultName(issuer),
            Methods = methods,
            Allowed = allowed,
            RoleScopes = roleScopes,
            Warnings = deployment.IsProduction ? warnings : [],
        };
    }

    /// <summary>An https URL; http only on a loopback host (a provider started by the tests).</summary>
    private static string? ReadIssuer(SettingsReader reader)
    {
        if (reader.Text(SettingNames.OidcIssuer) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || uri.UserInfo.Length > 0)
        {
            reader.Problem(SettingNames.OidcIssuer, "must be the provider's issuer URL, such as https://login.microsoftonline.com/<tenant-id>/v2.0");
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
        {
            // OpenID Connect Discovery 1.0 §4: the issuer is https; plain http would let anyone on the path swap the keys.
            reader.Problem(SettingNames.OidcIssuer, "must be an https URL (http is accepted only for a provider on this machine's loopback address)");
            return null;
        }

        return uri.AbsoluteUri.TrimEnd('/');
    }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static SignInMethods ReadMethods(SettingsReader reader, bool hasIssuer)
    {
        var fallback = hasIssuer ? SignInMethods.IdentityProvider : SignInMethods.ApiKey;
        var list = reader.List(SettingNames.SignInMethods, StringComparer.OrdinalIgnoreCase);
        if (list.Count == 0)
        {
            return fallback;
        }

        var methods = SignInMethods.None;
        foreach (var item in list)
        {
            switch (item.ToLowerInvariant())
            {
                case "idp":
                    methods |= SignInMethods.IdentityProvider;
                    break;
                case "apikey":
                    methods |= SignInMethods.ApiKey;
                    break;
                default:
                    reader.Problem(SettingNames.SignInMethods, "must be idp, apikey or idp,apikey");
                    return fallback;
            }
        }

        if (methods.HasFlag(SignInMethods.IdentityProvider) && !hasIssuer)
        {
            reader.Problem(SettingNames.SignInMethods, $"names idp but {SettingNames.OidcIssuer} is not set");
            return SignInMethods.ApiKey;
        }

        return methods;
    }

    private static List<SignInAllowRule> ReadAllowed(SettingsReader reader)
    {
        var rules = new List<SignInAllowRule>();
        foreach (var item in reader.List(SettingNames.OidcAllowed, StringComparer.OrdinalIgnoreCase))
        {
            SignInAllowRule? rule =
                item.StartsWith("role:", StringComparison.OrdinalIgnoreCase) && item.Length > 5 ? new(SignInAllowRuleKind.Role, item[5..])
                : item.StartsWith("group:", StringComparison.OrdinalIgnoreCase) && item.Length > 6 ? new(SignInAllowRuleKind.Group, item[6..])
                : item.StartsWith('@') && item.Length > 1 && item.IndexOf('@', 1) < 0 ? new(SignInAllowRuleKind.EmailDomain, item[1..].ToLowerInvariant())
                : Guid.TryParse(item, out var tenant) ? new(SignInAllowRuleKind.Tenant, tenant.ToString("D"))
                : null;
            if (rule is null)
            {
                reader.Problem(SettingNames.OidcAllowed, "must list tenant ids (GUIDs), e-mail domains (@example.com), role:Name or group:id, separated by commas");
                return [];
            }

            rules.Add(rule);
        }

        return rules;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadRoleScopes(SettingsReader reader)
    {
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (reader.Text(SettingNames.OidcRoleScopes) is not { } text)
        {
            return map;
        }

        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var role = equals > 0 ? pair[..equals].Trim() : "";
            var scopes = equals > 0 ? pair[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            if (role.Length == 0 || scopes.Length == 0 || map.ContainsKey(role))
            {
                reader.Problem(SettingNames.OidcRoleScopes, "must be Role=scope,scope;Role2=scope with each role once");
                return [];
            }

            if (scopes.Any(scope => !Scopes.IsKnown(scope)))
            {
                reader.Problem(SettingNames.OidcRoleScopes, $"names a scope this server does not know; the scopes are {string.Join(", ", Scopes.Known)}");
                return [];
            }

            map[role] = scopes.Distinct(StringComparer.Ordinal).ToArray();
        }

        return map;
    }

    private static string DefaultName(string? issuer) =>
        issuer is not null && Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
            ? uri.Host.EndsWith("login.microsoftonline.com", StringComparison.OrdinalIgnoreCase) ? "Microsoft" : uri.Host
            : "your organization";
}
