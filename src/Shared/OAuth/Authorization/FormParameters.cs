using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>The sign-in form's body: strict UTF-8, each parameter at most once (RFC 6749 §3.1), at most 16 of them.</summary>
public static class FormParameters
{
    private const int MaximumParameters = 16;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyDictionary<string, string>? Parse(byte[] body)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var parsed = QueryHelpers.ParseQuery(text);
        if (parsed.Count > MaximumParameters || parsed.Values.Any(value => value.Count > 1))
        {
            return null;
        }

        return parsed.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
    }
}
