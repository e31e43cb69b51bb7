using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CampaignMcp.Tokens;
using CsCheck;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Security.Tests.Support.Fuzzing;

/// <summary>
/// Bearer tokens made from one valid token: the token itself; structural damage (bit flips, truncation,
/// extra dots, swapped, dropped or repeated segments), which must be refused unless the three segments
/// still decode to the original bytes; header and payload edits re-signed with the right key, so that
/// the algorithm, type, issuer, audience, lifetime and client checks are each reached, with the reason
/// each must give; and noise (random text, random base64url segments).
/// </summary>
public sealed class TokenMutations
{
    private static readonly IReadOnlySet<TokenFailure> Anything = Enum.GetValues<TokenFailure>().ToHashSet();
    private static readonly IReadOnlySet<TokenFailure> AnyRefusal = Enum.GetValues<TokenFailure>().Where(f => f != TokenFailure.None).ToHashSet();

    private readonly string valid;
    private readonly string[] segments;
    private readonly byte[] signature;
    private readonly byte[] key;
    private readonly long now;

    public TokenMutations(string valid, string secret, DateTimeOffset now)
    {
        this.valid = valid;
        segments = valid.Split('.');
        signature = Base64UrlEncoder.DecodeBytes(segments[2]);
        key = Encoding.UTF8.GetBytes(secret);
        this.now = now.ToUnixTimeSeconds();
    }

    public Gen<TokenCase> All() => Gen.Frequency(
        (1, Gen.Const(new TokenCase(valid, "untouched", new HashSet<TokenFailure> { TokenFailure.None }))),
        (6, Gen.Select(Gen.Int, Gen.Int[1, 3]).Select((seed, count) => Structural(new Random(seed), count))),
        (6, Gen.Select(Gen.Int[0, ClaimEdits - 1], Gen.Int, FuzzInputs.JsonValue(2).Array[4]).Select((edit, seed, values) => Resigned(edit, new Random(seed), values))),
        (1, FuzzInputs.Text.Select(text => new TokenCase(text, "random text", AnyRefusal))),
        (1, FuzzInputs.Base64UrlSegment.Array[1, 6].Select(parts => new TokenCase(string.Join('.', parts), "random segments", AnyRefusal))),
        (1, FuzzInputs.Json.Select(json => new TokenCase($"{Encode(Encoding.UTF8.GetBytes(json))}.{segments[1]}.{segments[2]}", "random header", AnyRefusal))));

    private TokenCase Structural(Random random, int count)
    {
        var token = new StringBuilder(valid);
        var applied = new List<string>();
        const string base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < count && token.Length > 0; i++)
        {
            var at = random.Next(token.Length);
            var parts = token.ToString().Split('.');
            switch (random.Next(10))
            {
                case 0:
                    token[at] = (char)(token[at] ^ (1 << random.Next(7)));
                    applied.Add($"bit flip at {at}");
                    break;
                case 1:
                    token[at] = base64Url[random.Next(base64Url.Length)];
                    applied.Add($"char at {at}");
                    break;
                case 2:
                    token.Length = at;
                    applied.Add($"truncated to {at}");
                    break;
                case 3:
                    token.Insert(random.Next(token.Length + 1), '.');
                    applied.Add("extra dot");
                    break;
                case 4:
                    var (a, b) = (random.Next(parts.Length), random.Next(parts.Length));
                    (parts[a], parts[b]) = (parts[b], parts[a]);
                    Set(token, parts);
                    applied.Add($"segments {a} and {b} swapped");
                    break;
                case 5:
                    var dropped = random.Next(parts.Length);
                    Set(token, [.. parts.Where((_, index) => index != dropped)]);
                    applied.Add($"segment {dropped} dropped");
                    break;
                case 6:
                    var repeated = random.Next(parts.Length);
                    Set(token, [.. parts[..(repeated + 1)], parts[repeated], .. parts[(repeated + 1)..]]);
                    applied.Add($"segment {repeated} repeated");
                    break;
                case 7:
                    var inserted = FuzzInputs.Pick(random, " ", "=", "==", "+", "/", "\n", "\0", "é", "%2E", "\ud800");
                    token.Insert(random.Next(token.Length + 1), inserted);
                    applied.Add("inserted " + FuzzRun.Describe(inserted));
                    break;
                case 8:
                    // Five segments: the shape of an encrypted token (JWE).
                    Set(token, [.. parts, Encode(RandomNumberGenerator.GetBytes(random.Next(1, 40))), Encode(RandomNumberGenerator.GetBytes(16))]);
                    applied.Add("JWE shape");
                    break;
                default:
                    token[at] = char.IsUpper(token[at]) ? char.ToLowerInvariant(token[at]) : char.ToUpperInvariant(token[at]);
                    applied.Add($"case changed at {at}");
                    break;
            }
        }

        var result = token.ToString();
        return new TokenCase(result, string.Join(", ", applied), DecodesToOriginal(result) ? Anything : AnyRefusal);
    }

    /// <summary>The signature segment's last character carries spare bits: text that decodes to the same signature is the same token.</summary>
    private bool DecodesToOriginal(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != segments[0] || parts[1] != segments[1])
        {
            return false;
        }

        try
        {
            return Base64UrlEncoder.DecodeBytes(parts[2]).AsSpan().SequenceEqual(signature);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private const int ClaimEdits = 24;
    private const string RawValuePlaceholder = "__fuzz_raw_value__";

    private TokenCase Resigned(int edit, Random random, string[] values)
    {
        var header = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(segments[0]))!.AsObject();
        var payload = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(segments[1]))!.AsObject();
        string? editedPayload = null;
        HashSet<TokenFailure> Expect(params TokenFailure[] failures) => [.. failures];
        (string, IReadOnlySet<TokenFailure>) EditPayload()
        {
            // Possibly no longer an object at all.
            editedPayload = JsonMutation.Apply(payload.ToJsonString(), random, 2, values);
            return ("payload edited", Anything);
        }

        var (name, allowed) = edit switch
        {
            0 => Set(header, "alg", "none", "alg none", Expect(TokenFailure.UnsupportedAlgorithm, TokenFailure.BadSignature, TokenFailure.Malformed)),
            1 => Set(header, "alg", "RS256", "alg RS256, HMAC-signed", Expect(TokenFailure.UnsupportedAlgorithm, TokenFailure.BadSignature)),
            2 => Set(header, "alg", "hs256", "alg hs256", Expect(TokenFailure.UnsupportedAlgorithm, TokenFailure.BadSignature)),
            3 => Set(header, "typ", "JWT", "typ JWT", Expect(TokenFailure.WrongType)),
            4 => Remove(header, "typ", Expect(TokenFailure.WrongType)),
            5 => Set(payload, "iss", "https://evil.example", "other issuer", Expect(TokenFailure.WrongIssuer)),
            6 => Remove(payload, "iss", Expect(TokenFailure.WrongIssuer)),
            7 => Set(payload, "aud", "https://evil.example/api/v1/mcp", "other audience", Expect(TokenFailure.WrongAudience)),
            8 => Remove(payload, "aud", Expect(TokenFailure.WrongAudience)),
            9 => Set(payload, "exp", now - 3600, "expired an hour ago", Expect(TokenFailure.Expired)),
            // The whole window moved back: an nbf after the exp would be refused however the clock reads.
            10 => Window(payload, now - 3620, now - 20, "expired within the clock skew", Expect(TokenFailure.None)),
            11 => Remove(payload, "exp", Expect(TokenFailure.Malformed)),
            12 => Set(payload, "nbf", now + 3600, "valid in an hour", Expect(TokenFailure.NotYetValid)),
            13 => Set(payload, "nbf", now + 20, "valid within the clock skew", Expect(TokenFailure.None)),
            14 => Set(payload, "client_id", "evil", "client not allowed", Expect(TokenFailure.ClientNotAllowed)),
            15 => Remove(payload, "client_id", Expect(TokenFailure.Malformed)),
            16 => Set(payload, "client_id", "", "empty client_id", Expect(TokenFailure.Malformed)),
            // IdentityModel reads a number as its text ("42"), which then names no allowed client.
            17 => Set(payload, "client_id", 42, "numeric client_id", Expect(TokenFailure.Malformed, TokenFailure.ClientNotAllowed)),
            // The kid selects the key and no other is tried, so even the right key under another kid is refused.
            18 => Set(header, "kid", "another-key-id", "other kid, right key", Expect(TokenFailure.UnknownKey)),
            // Only the server's key signs these: any outcome is right as long as it is an outcome.
            19 => EditPayload(),
            20 => Set(payload, FuzzInputs.Pick(random, "exp", "nbf", "iat", "scope", "client_id", "iss", "aud", "jti", "sub"), RawValuePlaceholder, "claim of another type", Anything),
            21 => Set(header, FuzzInputs.Pick(random, "alg", "typ", "kid", "crit", "enc", "zip", "jku", "x5u", "cty"), RawValuePlaceholder, "header of another type", Anything),
            22 => ("signed with another key", Expect(TokenFailure.BadSignature)),
            _ => ("re-serialized and re-signed", Expect(TokenFailure.None)),
        };

        // The raw value keeps its exact text (a number past double, an escaped lone surrogate).
        var rawValue = values[random.Next(values.Length)];
        string Text(JsonNode node) => node.ToJsonString().Replace($"\"{RawValuePlaceholder}\"", rawValue, StringComparison.Ordinal);
        var headerSegment = Encode(Encoding.UTF8.GetBytes(Text(header)));
        var payloadSegment = Encode(Encoding.UTF8.GetBytes(editedPayload ?? Text(payload)));
        var signingInput = Encoding.ASCII.GetBytes($"{headerSegment}.{payloadSegment}");
        var signatureSegment = edit switch
        {
            0 => "",
            22 => Encode(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(64), signingInput)),
            _ => Encode(HMACSHA256.HashData(key, signingInput)),
        };
        return new TokenCase($"{headerSegment}.{payloadSegment}.{signatureSegment}", name, allowed);
    }

    private static (string, IReadOnlySet<TokenFailure>) Set(JsonObject target, string property, JsonNode? value, string name, IReadOnlySet<TokenFailure> allowed)
    {
        target[property] = value;
        return (name, allowed);
    }

    private static (string, IReadOnlySet<TokenFailure>) Window(JsonObject payload, long notBefore, long expires, string name, IReadOnlySet<TokenFailure> allowed)
    {
        payload["iat"] = notBefore;
        payload["nbf"] = notBefore;
        return Set(payload, "exp", expires, name, allowed);
    }

    private static (string, IReadOnlySet<TokenFailure>) Remove(JsonObject target, string property, IReadOnlySet<TokenFailure> allowed)
    {
        target.Remove(property);
        return ($"{property} removed", allowed);
    }

    private static void Set(StringBuilder token, string[] parts) => token.Clear().AppendJoin('.', parts);

    private static string Encode(byte[] bytes) => Base64UrlEncoder.Encode(bytes);
}
