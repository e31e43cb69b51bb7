namespace CampaignMcp.Tokens.ClientAuthentication;

/// <summary>How the API key was presented; names the audit reasons (<c>api_key_invalid</c>, <c>client_secret_invalid</c>, …).</summary>
public enum ApiKeyCredential
{
    /// <summary><c>X-API-Key</c> on the original JSON token endpoint.</summary>
    Header,

    /// <summary>The OAuth client secret (RFC 6749 §2.3.1), Basic or in the body.</summary>
    ClientSecret,

    /// <summary>The key typed into the OAuth sign-in page.</summary>
    SignInPage,
}
