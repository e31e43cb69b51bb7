using CsCheck;

namespace CampaignMcp.Security.Tests.Fuzzing.Http;

/// <summary>Header values a client could send: the expected ones, near misses, and printable noise (what HTTP lets through).</summary>
internal static class HttpFuzzInputs
{
    public static readonly Gen<string> Printable = Gen.String[Gen.Char[' ', '~'], 0, 60];

    public static readonly Gen<string?> ContentTypes = Gen.Frequency(
        (6, Gen.Const((string?)"application/json")),
        (3, Gen.OneOf<string?>(null, "application/json; charset=utf-8", "APPLICATION/JSON", "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded",
            "application/jsonx", "application/json;", "application/x-msgpack", "multipart/form-data; boundary=x", "*/*", ";", "application/json; charset=\"")),
        (1, Printable.Select(string? (value) => value)));
}
