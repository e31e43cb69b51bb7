using System.Security.Cryptography;
using System.Text;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Security.Tests.Support;

/// <summary>
/// The catalogue of hostile access tokens: each one is right in every respect but the one it
/// attacks, and names the exact <see cref="TokenFailure"/> every surface that takes a token must refuse it with.
/// Names are fixed here so that test runners can list the cases before any host runs; the tokens are made
/// against a running host by <see cref="BuildAsync"/>.
/// </summary>
public static class HostileTokens
{
    /// <summary>Retired by rotation but still listed in <c>MCP_JWT_PREVIOUS_SECRETS</c>: its tokens must still validate.</summary>
    public const string PreviousSecret = "7c1e9a4f3b2d8e6a5f0c9b8a7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e";

    /// <summary>A secret that signed tokens once and has since been removed from <c>MCP_JWT_PREVIOUS_SECRETS</c>.</summary>
    public const string RetiredSecret = "a0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f";

    /// <summary>A strong secret the server never knew.</summary>
    public const string AttackerSecret = "f00dfacecafebeef0123456789abcdeff00dfacecafebeef0123456789abcdef";

    /// <summary>A client allowed when its token was issued and removed from <c>MCP_ALLOWED_CLIENTS</c> since.</summary>
    public const string RemovedClient = "legacy-bot";

    public static IReadOnlyList<HostileTokenCase> Cases { get; } =
    [
        // Algorithm attacks (RFC 8725 §2.1, §3.1): only HS256 is accepted, whatever the header claims.
        new("alg none, no signature", TokenFailure.UnsupportedAlgorithm, forge => Unsigned(forge, "none")),
        new("alg None (capitalised), no signature", TokenFailure.UnsupportedAlgorithm, forge => Unsigned(forge, "None")),
        new("alg none carrying a valid HS256 signature", TokenFailure.UnsupportedAlgorithm, forge => Done(forge.Sign(With(forge.Header(), "alg", "none"), forge.Claims()))),
        new("alg hs256 in lower case", TokenFailure.UnsupportedAlgorithm, forge => Done(forge.Sign(With(forge.Header(), "alg", "hs256"), forge.Claims()))),
        new("alg HS384 signed with the secret", TokenFailure.UnsupportedAlgorithm, forge => Done(forge.Sign(Json(With(forge.Header(), "alg", "HS384")), Json(forge.Claims()), hash: HashAlgorithmName.SHA384))),
        new("alg HS512 signed with the secret", TokenFailure.UnsupportedAlgorithm, forge => Done(forge.Sign(Json(With(forge.Header(), "alg", "HS512")), Json(forge.Claims()), hash: HashAlgorithmName.SHA512))),
        new("alg RS256 but HMAC-signed with the secret (HS/RS confusion)", TokenFailure.UnsupportedAlgorithm, forge => Done(forge.Sign(With(forge.Header(), "alg", "RS256"), forge.Claims()))),
        new("alg RS256 signed by an attacker key embedded as jwk", TokenFailure.UnsupportedAlgorithm, forge => Done(EmbeddedRsaKey(forge))),

        // Key selection (RFC 8725 §3.10): the kid picks the current or a listed previous key, nothing else.
        new("kid path traversal ../../../../dev/null, signed with an empty key", TokenFailure.UnknownKey, forge => Done(RawJwt.Hmac(Json(With(forge.Header(), "kid", "../../../../dev/null")), Json(forge.Claims()), key: []))),
        new("kid SQL injection ' OR '1'='1", TokenFailure.UnknownKey, forge => Done(forge.Sign(forge.Header("' OR '1'='1"), forge.Claims()))),
        new("kid unknown", TokenFailure.UnknownKey, forge => Done(forge.Sign(forge.Header("00000000000000000000000000000000"), forge.Claims()))),
        // No kid selects no key: TryAllIssuerSigningKeys is off, so the token is not tried against each key.
        new("kid absent", TokenFailure.UnknownKey, forge => Done(forge.Sign(Without(forge.Header(), "kid"), forge.Claims()))),
        new("jku pointing at the attacker's key set, signed by the attacker", TokenFailure.UnknownKey, forge => Done(forge.Sign(With(forge.Header(HostileTokenForge.KeyIdOf(AttackerSecret)), "jku", "https://attacker.example/jwks.json"), forge.Claims(), AttackerSecret))),
        new("kid of the current key, signed by another secret", TokenFailure.BadSignature, forge => Done(forge.Sign(forge.Header(), forge.Claims(), AttackerSecret))),
        new("kid of the previous key, signed by the current secret", TokenFailure.BadSignature, forge => Done(forge.Sign(forge.Header(HostileTokenForge.KeyIdOf(PreviousSecret)), forge.Claims()))),
        new("signed by a retired secret", TokenFailure.UnknownKey, forge => Done(forge.Sign(forge.Header(HostileTokenForge.KeyIdOf(RetiredSecret)), forge.Claims(), RetiredSecret))),

        // Token type (RFC 9068 §4, RFC 8725 §3.11): only at+jwt is an access token.
        new("typ JWT instead of at+jwt", TokenFailure.WrongType, forge => Done(forge.Sign(With(forge.Header(), "typ", "JWT"), forge.Claims()))),
        new("typ absent", TokenFailure.WrongType, forge => Done(forge.Sign(Without(forge.Header(), "typ"), forge.Claims()))),
        // Pinned as malformed: a critical extension this server cannot process makes the JWS unusable here (RFC 7515 §4.1.11).
        new("crit names an extension the server does not understand", TokenFailure.Malformed, forge => Done(forge.Sign(With(With(forge.Header(), "crit", new[] { "urn:attacker:skip-checks" }), "urn:attacker:skip-checks", true), forge.Claims()))),

        // Shape and encoding (RFC 7515 §2, §7.1): exactly three base64url segments, no padding, no whitespace.
        new("JWE-shaped, five segments", TokenFailure.Malformed, forge => Done(forge.Honest() + ".AAAA.BBBB")),
        new("four segments", TokenFailure.Malformed, forge => Done(forge.Honest() + ".AAAA")),
        new("two segments, signature removed", TokenFailure.Malformed, forge => Done(string.Join('.', forge.Honest().Split('.')[..2]))),
        // Three segments, the third empty: well-formed, so it is the signature that fails.
        new("empty signature", TokenFailure.BadSignature, forge => Done(string.Join('.', forge.Honest().Split('.')[..2]) + ".")),
        new("standard base64 with + / and = padding", TokenFailure.Malformed, forge => Done(PaddedBase64(forge))),
        new("whitespace inside the payload", TokenFailure.Malformed, forge => Done(Replace(forge.Honest(), 1, segment => segment[..10] + " " + segment[10..]))),
        new("characters outside base64url in the payload", TokenFailure.Malformed, forge => Done(Replace(forge.Honest(), 1, segment => segment[..10] + "*!" + segment[12..]))),
        new("oversized, over 8 KiB, correctly signed", TokenFailure.Malformed, forge => Done(forge.Sign(forge.Header(), With(forge.Claims(), "pad", new string('x', AccessTokenValidator.MaximumTokenLength))))),
        new("header is not JSON", TokenFailure.Malformed, forge => Done(forge.Sign("hello", Json(forge.Claims())))),
        new("payload is a JSON array", TokenFailure.Malformed, forge => Done(forge.Sign(Json(forge.Header()), "[1,2,3]"))),

        // Integrity: any change to any segment breaks the HS256 signature.
        new("tampered header, member added", TokenFailure.BadSignature, forge => Done(Splice(forge.Sign(With(forge.Header(), "x5u", "https://attacker.example"), forge.Claims()), forge.Honest(), 2))),
        new("tampered payload, scope widened", TokenFailure.BadSignature, async forge => Widen(await forge.IssueAsync("campaigns:read"))),
        new("tampered payload, client_id changed", TokenFailure.BadSignature, async forge => Replace(await forge.IssueAsync(), 1, segment => RawJwt.Segment(RawJwt.Decode(segment).Replace("\"client_id\":\"claude\"", "\"client_id\":\"cursor\"", StringComparison.Ordinal)))),
        new("tampered signature, one byte changed", TokenFailure.BadSignature, forge => Done(Replace(forge.Honest(), 2, segment => segment[..5] + (segment[5] == 'A' ? 'B' : 'A') + segment[6..]))),
        new("signature spliced from another valid token", TokenFailure.BadSignature, forge => Done(Splice(forge.Honest(), forge.Honest(), 2))),

        // Claims (RFC 7519 §4.1, RFC 9068 §2.2).
        new("expired beyond the 30 s skew", TokenFailure.Expired, forge => Done(forge.Sign(forge.Header(), With(With(With(forge.Claims(), "iat", forge.Now - 3600), "nbf", forge.Now - 3600), "exp", forge.Now - 45)))),
        new("nbf in the future beyond the 30 s skew", TokenFailure.NotYetValid, forge => Done(forge.Sign(forge.Header(), With(With(forge.Claims(), "nbf", forge.Now + 300), "iat", forge.Now + 300)))),
        new("wrong issuer", TokenFailure.WrongIssuer, forge => Done(forge.Sign(forge.Header(), With(forge.Claims(), "iss", "https://attacker.example")))),
        new("issuer with a trailing slash", TokenFailure.WrongIssuer, forge => Done(forge.Sign(forge.Header(), With(forge.Claims(), "iss", forge.Issuer + "/")))),
        new("wrong audience", TokenFailure.WrongAudience, forge => Done(forge.Sign(forge.Header(), With(forge.Claims(), "aud", forge.Issuer + "/api/v1/other")))),
        // Pinned as malformed: RFC 9068 §2.2 requires exp and client_id, so without them it is not an access token at all.
        new("exp missing", TokenFailure.Malformed, forge => Done(forge.Sign(forge.Header(), Without(forge.Claims(), "exp")))),
        new("client_id missing", TokenFailure.Malformed, forge => Done(forge.Sign(forge.Header(), Without(forge.Claims(), "client_id")))),
        new("scope as a JSON array", TokenFailure.Malformed, forge => Done(forge.Sign(forge.Header(), With(forge.Claims(), "scope", new[] { "campaigns:read", "campaigns:export", "tools:call" })))),
        new("duplicate client_id claim", TokenFailure.Malformed, forge => Done(forge.Sign(Json(forge.Header()), Json(forge.Claims())[..^1] + ",\"client_id\":\"cursor\"}"))),
        new("duplicate exp claim extending the lifetime", TokenFailure.Malformed, forge => Done(forge.Sign(Json(forge.Header()), Json(forge.Claims())[..^1] + $",\"exp\":{forge.Now + (10 * 365 * 86400)}}}"))),
        new("duplicate alg header member", TokenFailure.Malformed, forge => Done(forge.Sign("{\"alg\":\"none\"," + Json(forge.Header())[1..], Json(forge.Claims())))),

        // What JsonWebTokenHandler refuses, signed with the right key: the reader must refuse it too (RFC 7519 §2
        // NumericDate, §4.1; RFC 7515 §4.1). Each is checked against the library itself.
        new("exp 1e300, outside the 64-bit range, not a token that never expires", TokenFailure.Malformed, forge => Done(forge.Sign(Json(forge.Header()), Raw(forge.Claims(), "exp", "1e300"))), IdentityModelRefuses: true),
        new("nbf -1e300, outside the 64-bit range", TokenFailure.Malformed, forge => Done(forge.Sign(Json(forge.Header()), Raw(forge.Claims(), "nbf", "-1e300"))), IdentityModelRefuses: true),
        new("iat 1e300, outside the 64-bit range", TokenFailure.Malformed, forge => Done(forge.Sign(Json(forge.Header()), Raw(forge.Claims(), "iat", "1e300"))), IdentityModelRefuses: true),
        new("iat not a number", TokenFailure.Malformed, forge => Done(forge.Sign(forge.Header(), With(forge.Claims(), "iat", "yesterday"))), IdentityModelRefuses: true),
        new("sub not a string", TokenFailure.Malformed, forge => Done(forge.Sign(forge.Header(), With(forge.Claims(), "sub", new Dictionary<string, string> { ["id"] = "claude" }))), IdentityModelRefuses: true),
        new("azp not a string", TokenFailure.Malformed, forge => Done(forge.Sign(forge.Header(), With(forge.Claims(), "azp", 42))), IdentityModelRefuses: true),
        new("cty header member not a string", TokenFailure.Malformed, forge => Done(forge.Sign(With(forge.Header(), "cty", 42), forge.Claims())), IdentityModelRefuses: true),
        new("zip header member not a string", TokenFailure.Malformed, forge => Done(forge.Sign(With(forge.Header(), "zip", true), forge.Claims())), IdentityModelRefuses: true),
        new("x5t header member not a string", TokenFailure.Malformed, forge => Done(forge.Sign(With(forge.Header(), "x5t", new[] { 1 }), forge.Claims())), IdentityModelRefuses: true),
        new("aud array with a number beside this server", TokenFailure.Malformed, forge => Done(forge.Sign(forge.Header(), With(forge.Claims(), "aud", new object[] { forge.Audience, 1 }))), IdentityModelRefuses: true),
        // The library rounds a fraction to the nearest second; the reader rounds nbf up, so 0.6 s past the skew's last
        // whole second is refused whatever the clock's own fraction.
        new("nbf with a fraction just past the 30 s skew", TokenFailure.NotYetValid, forge => Done(forge.Sign(Json(forge.Header()), Raw(forge.Claims(), "nbf", $"{forge.Now + 30}.6"))), IdentityModelRefuses: true),
        new("nbf after exp, both within the 30 s skew", TokenFailure.Malformed, forge => Done(forge.Sign(forge.Header(), With(With(forge.Claims(), "nbf", forge.Now + 20), "exp", forge.Now - 20))), IdentityModelRefuses: true),

        // State: revoked by jti or by refresh family, client removed after issuance.
        new("jti revoked through /auth/revoke", TokenFailure.Revoked, async forge =>
        {
            var token = await forge.IssueAsync();
            await forge.RevokeAsync(token);
            return token;
        }),
        new("refresh family (sid) revoked through /auth/revoke", TokenFailure.Revoked, async forge =>
        {
            var grant = await forge.IssueWithRefreshAsync();
            await forge.RevokeAsync(grant.RefreshToken!);
            return grant.AccessToken;
        }),
        new("client removed from MCP_ALLOWED_CLIENTS after issuance", TokenFailure.ClientNotAllowed, forge => forge.IssueOnFormerHostAsync(RemovedClient)),
    ];

    public static IEnumerable<string> Names => Cases.Select(c => c.Name);

    /// <summary>Every case built against the host behind <paramref name="forge"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, HostileToken>> BuildAsync(HostileTokenForge forge)
    {
        var built = new Dictionary<string, HostileToken>(StringComparer.Ordinal);
        foreach (var hostile in Cases)
        {
            built.Add(hostile.Name, new HostileToken(hostile.Name, await hostile.Build(forge), hostile.Expected));
        }

        return built;
    }

    private static Task<string> Done(string token) => Task.FromResult(token);

    private static string Json(Dictionary<string, object> members) => HostileTokenForge.Json(members);

    private static Dictionary<string, object> With(Dictionary<string, object> members, string name, object value)
    {
        members[name] = value;
        return members;
    }

    private static Dictionary<string, object> Without(Dictionary<string, object> members, string name)
    {
        members.Remove(name);
        return members;
    }

    /// <summary>The members as JSON with <paramref name="name"/> last, its value written as given (a number no CLR type holds).</summary>
    private static string Raw(Dictionary<string, object> members, string name, string value) =>
        Json(Without(members, name))[..^1] + $",\"{name}\":{value}}}";

    private static Task<string> Unsigned(HostileTokenForge forge, string algorithm) =>
        Done(RawJwt.Segment(Json(With(forge.Header(), "alg", algorithm))) + "." + RawJwt.Segment(Json(forge.Claims())) + ".");

    private static string Replace(string token, int index, Func<string, string> change)
    {
        var parts = token.Split('.');
        parts[index] = change(parts[index]);
        return string.Join('.', parts);
    }

    /// <summary><paramref name="token"/> with segment <paramref name="index"/> taken from <paramref name="donor"/>.</summary>
    private static string Splice(string token, string donor, int index) => Replace(token, index, _ => donor.Split('.')[index]);

    private static string Widen(string token) =>
        Replace(token, 1, segment => RawJwt.Segment(RawJwt.Decode(segment).Replace("\"scope\":\"campaigns:read\"", "\"scope\":\"campaigns:read campaigns:export tools:call\"", StringComparison.Ordinal)));

    /// <summary>Correctly signed over its own text, but in standard base64: '+', '/' and '=' padding in the segments.</summary>
    private static string PaddedBase64(HostileTokenForge forge)
    {
        var claims = forge.Claims();
        string header, payload;
        var filler = new StringBuilder("??>>");
        do
        {
            claims["note"] = filler.Append('~').ToString();
            header = Convert.ToBase64String(Encoding.UTF8.GetBytes(Json(forge.Header())));
            payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(Json(claims)));
        }
        while (!payload.EndsWith('=') || !payload.Contains('+', StringComparison.Ordinal) || !payload.Contains('/', StringComparison.Ordinal));

        var input = header + "." + payload;
        return input + "." + Convert.ToBase64String(RawJwt.Mac(input, Encoding.UTF8.GetBytes(forge.Secret), HashAlgorithmName.SHA256));
    }

    private static string EmbeddedRsaKey(HostileTokenForge forge)
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var header = With(With(forge.Header("attacker-rsa"), "alg", "RS256"), "jwk", new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["kid"] = "attacker-rsa",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        });
        var input = RawJwt.Segment(Json(header)) + "." + RawJwt.Segment(Json(forge.Claims()));
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }
}
