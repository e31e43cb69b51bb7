using System.Text;
using CampaignMcp.Tokens.Api;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.OAuth;

/// <summary>
/// Client authentication of an OAuth request (RFC 6749 §2.3.1): HTTP Basic (<c>client_secret_basic</c>, id
/// and secret form-urlencoded before base64) or <c>client_id</c>/<c>client_secret</c> in the body
/// (<c>client_secret_post</c>). Using both is an error (§2.3: one method per request).
/// </summary>
public sealed record ClientCredentials(string? ClientId, string? Secret, bool UsedBasic)
{
    public static ClientCredentials? Read(HttpRequest request, OAuthForm form, out string? error)
    {
        error = null;
        var authorization = request.Headers.Authorization.ToString();
        var bodyId = form["client_id"];
        var bodySecret = form["client_secret"];
        if (authorization.Length == 0)
        {
            return Checked(new ClientCredentials(bodyId, bodySecret, UsedBasic: false), out error);
        }

        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            error = "Only the Basic scheme is accepted in Authorization (client_secret_basic)";
            return null;
        }

        if (bodySecret is not null)
        {
            error = "Use one client authentication method: Authorization: Basic or client_secret in the body, not both";
            return null;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
        }
        catch (Exception exception) when (exception is FormatException or DecoderFallbackException)
        {
            error = "The Basic credentials are not valid base64 of UTF-8 text";
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = "The Basic credentials must be client_id:client_secret";
            return null;
        }

        var clientId = FormDecode(decoded[..colon]);
        if (bodyId is not null && !string.Equals(bodyId, clientId, StringComparison.Ordinal))
        {
            error = "client_id in the body differs from the one in Authorization";
            return null;
        }

        return Checked(new ClientCredentials(clientId, FormDecode(decoded[(colon + 1)..]), UsedBasic: true), out error);
    }

    /// <summary>The JSON endpoint's client_id rules: at most 128 characters, no control characters (they would forge log lines).</summary>
    private static ClientCredentials? Checked(ClientCredentials credentials, out string? error)
    {
        error = credentials.ClientId is { } id && (id.Length > TokenRequest.MaximumClientIdLength || id.Any(char.IsControl))
            ? $"client_id must be at most {TokenRequest.MaximumClientIdLength} characters without control characters"
            : null;
        return error is null ? credentials : null;
    }

    /// <summary>Appendix B: '+' is a space, then percent-decoding.</summary>
    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
