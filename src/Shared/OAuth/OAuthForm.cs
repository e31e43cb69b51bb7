using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignMcp.OAuth;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> OAuth request body (RFC 6749 §3.2, Appendix B). Parameters
/// sent more than once are refused (§3.1), as are bodies that are not UTF-8.
/// </summary>
public sealed class OAuthForm
{
    public const int MaximumParameters = 16;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Dictionary<string, string> values;

    private OAuthForm(Dictionary<string, string> values) => this.values = values;

    public string? this[string name] => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public static OAuthForm? Parse(byte[] body, out string? error)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            error = "The request body is not UTF-8";
            return null;
        }

        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields;
        try
        {
            using var reader = new FormReader(text) { ValueCountLimit = MaximumParameters, KeyLengthLimit = 64, ValueLengthLimit = 12 * 1024 };
            fields = reader.ReadForm();
        }
        catch (InvalidDataException)
        {
            error = $"The form has too many or too long parameters (at most {MaximumParameters})";
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (value.Count != 1)
            {
                error = $"Parameter '{Shorten(name)}' is included more than once";
                return null;
            }

            values[name] = value.ToString();
        }

        error = null;
        return new OAuthForm(values);
    }

    private static string Shorten(string value) => value.Length > 32 ? value[..32] + "…" : value;
}
