using System.Text;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

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

    /// <summary>Every parameter as sent, empty ones included.</summary>
    public IReadOnlyDictionary<string, string> Values => values;

    /// <summary>The form, or (form null) the §5.2 refusal: 503, wrong content type, over 16 KiB, unparseable. Sets <c>no-store</c> either way.</summary>
    public static async Task<Outcome<OAuthForm, IResult>> ReadAsync(HttpContext context, ServiceReadiness readiness)
    {
        TokenResponses.NoStore(context);
        if (!readiness.IsServiceable)
        {
            return Outcome.Failed<OAuthForm, IResult>(OAuthResponses.Error(StatusCodes.Status503ServiceUnavailable, OAuthErrorCodes.TemporarilyUnavailable, readiness.RefusalMessage));
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.Failed<OAuthForm, IResult>(OAuthResponses.Error(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, "Content-Type must be application/x-www-form-urlencoded"));
        }

        var body = await RequestBody.ReadAsync(context.Request, TokenEndpoint.MaximumBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Outcome.Failed<OAuthForm, IResult>(OAuthResponses.Error(StatusCodes.Status413PayloadTooLarge, OAuthErrorCodes.InvalidRequest, $"The request body must be at most {TokenEndpoint.MaximumBodyBytes / 1024} KiB"));
        }

        var form = Parse(body, out var error);
        return form is null ? Outcome.Failed<OAuthForm, IResult>(OAuthResponses.Error(StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, error!)) : Outcome.Of<OAuthForm, IResult>(form);
    }

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
