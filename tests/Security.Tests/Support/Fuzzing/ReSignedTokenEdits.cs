using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Security.Tests.Support.Fuzzing;

/// <summary>
/// The header and claims the server writes, edited at the JSON text level and signed with the server's key, so that every
/// check after the signature is reached: values of every JSON type in every member; NumericDates at the skew's edges,
/// fractional, negative, in exponent form, as strings and past every numeric range; lifetimes that close before they
/// open; audience arrays with other elements; members removed, repeated (under escaped names too) and added (registered
/// names the library reads with a type, and others); names and strings escaped, re-cased or given non-ASCII text;
/// members reordered; whitespace between tokens; a byte-order mark or text around the object. Each case draws its
/// choices from one generated seed, so that <c>FUZZ_SEED</c> replays a run case for case.
/// </summary>
public sealed class ReSignedTokenEdits(string secret, string keyId, string issuer, string audience, long now, int clocks)
{
    private static readonly string[] HeaderNames =
        ["alg", "kid", "typ", "cty", "zip", "x5t", "x5t#S256", "enc", "crit", "jku", "jwk", "x5u", "x5c", "b64", "url", "nonce", "epk", "iv", "tag", "", "ALG", "Kid"];

    private static readonly string[] ClaimNames =
        ["iss", "aud", "sub", "client_id", "scope", "jti", "sid", "iat", "nbf", "exp", "azp", "act", "cnf", "auth_time", "acr", "amr", "roles", "groups", "scp", "tid", "ver", "nonce", "may_act", "name", "", "Exp", "AUD", "é"];

    private static readonly string[] NumericDateEdges =
    [
        "0", "-0", "0.0", "-0.0", "1", "-1", "0.5", "-0.5", "-1.5", "1e300", "-1e300", "1e19", "-1e19", "1E400", "-1e400", "1e-400", "4.9e-324",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "9.2233720368547758e18", "9.223372036854775807E18", "-9.2233720368547758e18", "-9.2233720368547759e18", "9223372036854775807.5",
        "253402300799", "253402300800", "253402300799.5", "-62135596800", "-62135596801", "922337203685", "922337203686", "1e15", "1e13",
    ];

    private static readonly decimal[] Fractions = [0m, 0.1m, 0.4m, 0.49m, 0.5m, 0.51m, 0.6m, 0.9m, 0.999999m];
    private static readonly long[] Centers = [0, 30, -30, 3600, -3600];
    private static readonly string[] Whitespace = [" ", "\n", "\t", "\r\n", "  "];

    private readonly byte[] key = Encoding.UTF8.GetBytes(secret);

    public Gen<EditedToken> All() =>
        Gen.Select(Gen.Int, Gen.Int[1, 3], FuzzInputs.JsonValue(2).Array[4]).Select((seed, count, values) => Make(new Random(seed), count, values));

    private EditedToken Make(Random random, int count, string[] values)
    {
        var header = new List<Member> { new("alg", Quote("HS256")), new("kid", Quote(keyId)), new("typ", Quote("at+jwt")) };
        var payload = new List<Member>
        {
            new("iss", Quote(issuer)),
            new("aud", Quote(audience)),
            new("sub", Quote("claude")),
            new("client_id", Quote("claude")),
            new("scope", Quote("campaigns:read tools:call")),
            new("jti", Quote("fuzz-" + random.Next().ToString(CultureInfo.InvariantCulture))),
            new("iat", Number(now)),
            new("nbf", Number(now)),
            new("exp", Number(now + 3600)),
        };
        if (random.Next(4) == 0)
        {
            payload.Add(new("sid", Quote("grant-1")));
        }

        var edits = new List<string>();
        for (var i = 0; i < count; i++)
        {
            edits.Add(random.Next(4) == 0 ? EditHeader(random, header, values) : EditPayload(random, payload, values));
        }

        var headerJson = Around(random, Compose(random, header), edits);
        var payloadJson = random.Next(60) == 0 ? Recorded(edits, "payload not an object", values[0]) : Around(random, Compose(random, payload), edits);
        var segments = new[] { Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(headerJson)), Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payloadJson)) };
        var spelled = random.Next(30) == 0 ? random.Next(3) : -1;
        if (spelled is 0 or 1)
        {
            segments[spelled] = SpareBitsSet(random, segments[spelled], edits, spelled == 0 ? "header" : "payload");
        }

        var input = segments[0] + "." + segments[1];
        var signature = Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input)));
        if (spelled == 2)
        {
            signature = SpareBitsSet(random, signature, edits, "signature");
        }

        return new EditedToken(input + "." + signature, headerJson, payloadJson, string.Join("; ", edits), random.Next(clocks));
    }

    /// <summary>
    /// The same bytes spelled another way: the last character of an unpadded base64url segment carries 2 or 4 bits no
    /// byte uses (RFC 4648 §3.5 says an encoder sets them to zero; a decoder may or may not refuse them).
    /// </summary>
    private static string SpareBitsSet(Random random, string segment, List<string> edits, string which)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var spare = (segment.Length % 4) switch { 2 => 0b1111, 3 => 0b11, _ => 0 };
        if (spare == 0)
        {
            return segment;
        }

        var last = alphabet.IndexOf(segment[^1], StringComparison.Ordinal);
        edits.Add(which + ": spare bits set in its last character");
        return segment[..^1] + alphabet[(last & ~spare) | random.Next(1, spare + 1)];
    }

    private string EditHeader(Random random, List<Member> header, string[] values)
    {
        switch (random.Next(8))
        {
            case 0:
            case 1:
                var name = FuzzInputs.Pick(random, "alg", "typ", "kid");
                return Set(header, name, HeaderValue(random, name), "header " + name);
            case 2:
                var added = HeaderNames[random.Next(HeaderNames.Length)];
                return Add(header, added, random.Next(3) == 0 ? Quote("x") : AnyValue(random, values), "header member added: " + added);
            default:
                return Generic(random, header, values, "header");
        }
    }

    private string EditPayload(Random random, List<Member> payload, string[] values)
    {
        switch (random.Next(12))
        {
            case 0:
            case 1:
            case 2:
                var name = FuzzInputs.Pick(random, "exp", "nbf", "iat");
                return Set(payload, name, NumericDate(random), "NumericDate " + name);
            case 3:
                // Both ends of the window near the clock: some close before they open.
                var opens = Near(random, now + (30 * random.Next(-1, 2)));
                var closes = Near(random, now + (30 * random.Next(-1, 2)));
                _ = Set(payload, "nbf", opens, "");
                _ = Set(payload, "exp", closes, "");
                return $"lifetime window near now: nbf {opens}, exp {closes}";
            case 4:
                return Set(payload, "aud", AudienceValue(random), "aud");
            case 5:
                var added = ClaimNames[random.Next(ClaimNames.Length)];
                return Add(payload, added, random.Next(3) == 0 ? Quote("x") : AnyValue(random, values), "claim added: " + added);
            case 6:
                var text = FuzzInputs.Pick(random, "sub", "client_id", "scope", "jti", "iss", "azp");
                return Set(payload, text, StringVariant(random, text switch { "iss" => issuer, "scope" => "campaigns:read", _ => "claude" }), "string variant of " + text);
            default:
                return Generic(random, payload, values, "claim");
        }
    }

    /// <summary>Edits of any member list: type swaps, removal, repetition, escaped names, raw values, reordering.</summary>
    private string Generic(Random random, List<Member> members, string[] values, string kind)
    {
        if (members.Count == 0)
        {
            return kind + ": none left to edit";
        }

        var at = random.Next(members.Count);
        var member = members[at];
        switch (random.Next(6))
        {
            case 0:
                members[at] = member with { Value = AnyValue(random, values) };
                return $"{kind} {member.Name}: another value";
            case 1:
                members.RemoveAt(at);
                return $"{kind} {member.Name} removed";
            case 2:
                var again = random.Next(2) == 0 ? member : member with { Value = AnyValue(random, values) };
                members.Insert(random.Next(members.Count + 1), random.Next(2) == 0 ? again : again with { Spelled = EscapedName(random, member.Name) });
                return $"{kind} {member.Name} repeated";
            case 3:
                members[at] = member with { Spelled = EscapedName(random, member.Name) };
                return $"{kind} {member.Name}: name escaped";
            case 4:
                members[at] = member with { Value = values[random.Next(values.Length)] };
                return $"{kind} {member.Name}: random JSON";
            default:
                var shuffled = members.OrderBy(_ => random.Next()).ToList();
                members.Clear();
                members.AddRange(shuffled);
                return kind + " members reordered";
        }
    }

    private string HeaderValue(Random random, string name) => name switch
    {
        "alg" => FuzzInputs.Pick(random, Quote("HS256"), Quote("hs256"), Quote("HS256 "), Quote("none"), Quote("HS512"), Escaped("HS256"), "null", "256", "[\"HS256\"]"),
        "typ" => FuzzInputs.Pick(random, Quote("at+jwt"), Quote("AT+JWT"), Quote("at+JWT"), Quote("application/at+jwt"), Quote("JWT"), Escaped("at+jwt"), Quote("at+jwt\0"), "null", "[\"at+jwt\"]"),
        _ => FuzzInputs.Pick(random, Quote(keyId), Escaped(keyId), Quote(keyId + " "), Quote(keyId.ToUpperInvariant()), "null", "1", Quote(""), Quote("other")),
    };

    /// <summary>Near the clock and its skew, at the edges of every numeric range, in other spellings and of other types.</summary>
    private string NumericDate(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
            case 1:
                return Near(random, now + Centers[random.Next(Centers.Length)]);
            case 2:
                // Exponent form: the integer parse fails and the double path decides.
                var value = (double)(now + random.Next(-40, 41));
                return random.Next(2) == 0
                    ? value.ToString("E" + random.Next(8, 17).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                    : value.ToString("0.##########e+0", CultureInfo.InvariantCulture);
            case 3:
                return NumericDateEdges[random.Next(NumericDateEdges.Length)];
            case 4:
                return FuzzInputs.Pick(random, Quote(Number(now + 3600)), Quote("1e300"), Quote("x"), "true", "false", "null", $"[{Number(now + 3600)}]", "{}", Quote(""));
            default:
                return Number(random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64));
        }
    }

    /// <summary>Seconds within a few of <paramref name="center"/>, with or without a fraction either side.</summary>
    private static string Near(Random random, long center)
    {
        var fraction = Fractions[random.Next(Fractions.Length)] * (random.Next(2) == 0 ? 1 : -1);
        var value = center + random.Next(-3, 4) + fraction;
        var text = value.ToString(CultureInfo.InvariantCulture);
        return fraction == 0 && random.Next(4) == 0 ? text + ".0" : text;
    }

    private string AudienceValue(Random random)
    {
        if (random.Next(2) == 0)
        {
            var elements = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(3) == 0
                ? Quote(audience)
                : FuzzInputs.Pick(random, Quote(audience), Escaped(audience), Quote(audience + "/"), Quote("https://other.example"), "null", "1", "true", "{}", "[]", $"[{Quote(audience)}]", Quote("")));
            return "[" + string.Join(",", elements) + "]";
        }

        return FuzzInputs.Pick(random, Quote(audience), Escaped(audience), Quote(audience + "/"), Quote(audience.ToUpperInvariant()), "null", "[]", "{}", "1", Quote(""));
    }

    private string AnyValue(Random random, string[] values) => random.Next(3) == 0
        ? values[random.Next(values.Length)]
        : FuzzInputs.Pick(
            random, "null", "true", "false", "0", "-1", "1.5", "1e300", "-1e400", Number(now), Number(now + 3600), Quote(""), Quote("claude"), Quote(issuer),
            Quote(audience), "[]", "{}", $"[{Quote(audience)}]", "[\"claude\"]", "{\"a\":1}", "[1,\"x\",null]", Quote("é\u2028😀"), "\"\\u0000\"");

    private static string StringVariant(Random random, string text) => random.Next(9) switch
    {
        0 => Quote(text + "é"),
        1 => Quote(text.ToUpperInvariant()),
        2 => Escaped(text),
        3 => "\"" + text.Replace("/", "\\/", StringComparison.Ordinal) + "\"",
        4 => Quote(text + " "),
        5 => "\"" + text + "\\u0000\"",
        6 => Quote(""),
        7 => Quote(text[..^1]),
        _ => Quote(text),
    };

    private static string Set(List<Member> members, string name, string value, string edit)
    {
        var at = members.FindIndex(member => member.Name == name);
        if (at < 0)
        {
            members.Add(new(name, value));
        }
        else
        {
            members[at] = members[at] with { Value = value };
        }

        return $"{edit} = {value}";
    }

    private static string Add(List<Member> members, string name, string value, string edit)
    {
        members.Insert(0, new(name, value));
        return $"{edit} = {value}";
    }

    private static string Compose(Random random, List<Member> members)
    {
        if (random.Next(6) != 0)
        {
            return "{" + string.Join(",", members.Select(member => $"{member.Spelled ?? Quote(member.Name)}:{member.Value}")) + "}";
        }

        // Whitespace between every token (RFC 8259 §2 allows it anywhere but inside a token).
        string Space() => random.Next(2) == 0 ? "" : Whitespace[random.Next(Whitespace.Length)];
        return Space() + "{" + Space() + string.Join(Space() + "," + Space(), members.Select(member => $"{member.Spelled ?? Quote(member.Name)}{Space()}:{Space()}{member.Value}")) + Space() + "}" + Space();
    }

    /// <summary>Now and then a byte-order mark before the object or text after it.</summary>
    private static string Around(Random random, string json, List<string> edits) => random.Next(40) switch
    {
        0 => Recorded(edits, "byte-order mark", "\uFEFF" + json),
        1 => Recorded(edits, "text after the object", json + FuzzInputs.Pick(random, "x", "}", "{}", "\0", ",")),
        2 => Recorded(edits, "whitespace around the object", " " + json + "\n"),
        _ => json,
    };

    private static string Recorded(List<string> edits, string edit, string json)
    {
        edits.Add(edit);
        return json;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A JSON string with only what must be escaped escaped: non-ASCII text stays as UTF-8.</summary>
    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c < ' ')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>The same string with every character escaped: equal after unescaping.</summary>
    private static string Escaped(string text) => "\"" + string.Concat(text.Select(c => $"\\u{(int)c:X4}")) + "\"";

    /// <summary>The same name with one character escaped.</summary>
    private static string EscapedName(Random random, string name)
    {
        if (name.Length == 0)
        {
            return "\"\"";
        }

        var at = random.Next(name.Length);
        return "\"" + name[..at] + $"\\u{(int)name[at]:x4}" + name[(at + 1)..] + "\"";
    }
}
