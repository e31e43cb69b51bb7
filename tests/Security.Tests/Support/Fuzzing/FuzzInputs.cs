using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace CampaignMcp.Security.Tests.Support.Fuzzing;

/// <summary>
/// Generators of hostile input shared by every fuzz target: text, bytes, JSON (deep, huge numbers,
/// escaped lone surrogates, duplicate keys) and mutations of valid input at the text and byte level.
/// A mutation draws its choices from one generated seed, so each case is reproducible from its PCG seed.
/// </summary>
public static class FuzzInputs
{
    /// <summary>Characters that mean something to the parsers, then anything at all (lone surrogates included).</summary>
    public static readonly Gen<char> InterestingChar = Gen.Frequency(
        (5, Gen.Char["{}[]\":,.\\-_=+/ \t\r\n0123456789eE"]),
        (3, Gen.Char.AlphaNumeric),
        (1, Gen.Char['\0', '\u001f']),
        (1, Gen.Char['\u0080', '\u07ff']),
        (1, Gen.Char));

    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.String[InterestingChar, 0, 40]),
        (1, Gen.String),
        (1, Gen.String[InterestingChar, 0, 500]));

    public static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (4, Gen.Byte.Array[0, 64]),
        (1, Gen.Byte.Array[0, 1024]));

    public static readonly Gen<string> Base64UrlSegment = Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"], 0, 120];

    /// <summary>Numbers at and past every limit: beyond double and long, negative zero, subnormal, exponent forms.</summary>
    public static readonly Gen<string> JsonNumber = Gen.Frequency(
        (2, Gen.Int.Select(value => value.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Long.Select(value => value.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Where(double.IsFinite).Select(value => value.ToString("R", CultureInfo.InvariantCulture))),
        (2, Gen.OneOf(
            "0", "-0", "1e400", "-1e400", "1E-400", "4.9e-324", "1.7976931348623157e308", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890123456789012345678901234567890", "0.1e1", "1.0", "2E+3",
            "1" + new string('0', 400), "0." + new string('0', 400) + "1")));

    /// <summary>JSON strings: random text escaped, and escapes that decode to lone surrogates or NUL.</summary>
    public static readonly Gen<string> JsonString = Gen.Frequency(
        (5, Text.Select(text => JsonSerializer.Serialize(text))),
        (1, Gen.OneOf("\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"a\\ud83d\"", "\"\\uDBFF\\uDFFF\"", "\"\\/\\b\\f\\n\\r\\t\"", "\"\"")));

    /// <summary>Property names the parsers look for (so that objects hit real paths and repeat keys), then random ones.</summary>
    public static readonly Gen<string> JsonKey = Gen.Frequency(
        (3, Gen.OneOf(
            "jsonrpc", "id", "method", "params", "result", "error", "auth", "token", "name", "arguments", "cursor", "uri", "_meta", "progressToken",
            "client_id", "scope", "type", "target", "invocationId", "streamIds", "headers", "protocolVersion", "capabilities", "limit", "status",
            "channel", "max_rows", "format", "group_by", "ref", "argument", "value", "level", "alg", "typ", "kid", "iss", "aud", "exp", "nbf",
            "client_name", "redirect_uris", "grant_types", "response_types", "token_endpoint_auth_method", "application_type", "client_uri", "logo_uri")
            .Select(key => JsonSerializer.Serialize(key))),
        (1, JsonString));

    public static readonly Gen<string> JsonScalar = Gen.Frequency(
        (1, Gen.OneOf("null", "true", "false")),
        (2, JsonNumber),
        (3, JsonString));

    /// <summary>Any JSON value up to three levels deep.</summary>
    public static readonly Gen<string> Json = JsonValue(3);

    /// <summary>Arrays and objects nested far past every parser's depth limit.</summary>
    public static readonly Gen<string> DeepJson = Gen.Select(Gen.Int[1, 2000], Gen.Bool, Gen.Bool).Select((depth, objects, closed) =>
    {
        var open = objects ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) : new string('[', depth);
        var close = closed ? new string(objects ? '}' : ']', depth) : "";
        return open + "1" + close;
    });

    public static Gen<string> JsonValue(int depth) => depth <= 0
        ? JsonScalar
        : Gen.Frequency(
            (3, JsonScalar),
            (1, JsonValue(depth - 1).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(JsonKey, JsonValue(depth - 1)).Array[0, 4].Select(members => "{" + string.Join(",", members.Select(member => member.Item1 + ":" + member.Item2)) + "}")));

    /// <summary>Text-level damage to <paramref name="valid"/>: deletions, insertions, repeats, truncation, fragments of JSON.</summary>
    public static Gen<string> TextMutationsOf(Gen<string> valid) =>
        Gen.Select(valid, Gen.Int, Gen.Int[1, 4], JsonValue(1).Array[4]).Select((text, seed, count, values) => MutateText(text, new Random(seed), count, values));

    /// <summary>Byte-level damage: invalid UTF-8 (overlong, surrogates, past U+10FFFF, truncated sequences), NUL, a BOM.</summary>
    public static Gen<byte[]> Utf8MutationsOf(Gen<string> valid) =>
        Gen.Select(valid, Gen.Int, Gen.Int[1, 3]).Select((text, seed, count) => MutateBytes(Encoding.UTF8.GetBytes(text), new Random(seed), count));

    public static string MutateText(string text, Random random, int count, IReadOnlyList<string> values)
    {
        string[] fragments = ["{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "null", "\u0000", "\ud800", ",\"id\":", ",\"method\":\"ping\"", "\n"];
        var builder = new StringBuilder(text);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(builder.Length + 1);
            var length = random.Next(Math.Min(16, builder.Length - at) + 1);
            switch (random.Next(7))
            {
                case 0:
                    builder.Remove(at, length);
                    break;
                case 1:
                    builder.Insert(at, fragments[random.Next(fragments.Length)]);
                    break;
                case 2:
                    builder.Insert(at, builder.ToString(at, length));
                    break;
                case 3:
                    builder.Length = at;
                    break;
                case 4 when at < builder.Length:
                    builder[at] = (char)random.Next(0x20, 0x7F);
                    break;
                case 5:
                    // A member after the opening brace: repeats a key the document already has, or adds one.
                    var after = builder.ToString().IndexOf('{', StringComparison.Ordinal) + 1;
                    var separator = after > 0 && after < builder.Length && builder[after] != '}' ? "," : "";
                    builder.Insert(after, $"\"{Pick(random, "id", "method", "params", "jsonrpc", "client_id", "scope", "type", "target", "client_name", "redirect_uris")}\":{values[random.Next(values.Count)]}{separator}");
                    break;
                default:
                    builder.Insert(at, values[random.Next(values.Count)]);
                    break;
            }
        }

        return builder.ToString();
    }

    public static byte[] MutateBytes(byte[] bytes, Random random, int count)
    {
        byte[][] invalid = [[0xFF], [0xC0, 0x80], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0x00], [0xEF, 0xBB, 0xBF]];
        var result = new List<byte>(bytes);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(result.Count + 1);
            var chosen = invalid[random.Next(invalid.Length)];
            if (random.Next(3) == 0 && at < result.Count)
            {
                result[at] = chosen[0];
            }
            else
            {
                result.InsertRange(at, chosen);
            }
        }

        return [.. result];
    }

    public static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];
}
