using System.Text.Json;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Serialization;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Tokens.Api;

/// <summary>The checks every JSON token surface makes before it reads its own fields, in one order.</summary>
public static class JsonRequestBody
{
    /// <summary>The body, or (body null) the refusal in the token surfaces' envelope: 503, 415, 413. Sets <c>no-store</c> either way.</summary>
    public static async Task<Outcome<byte[], IResult>> ReadAsync(HttpContext context, ServiceReadiness readiness)
    {
        TokenResponses.NoStore(context);
        if (!readiness.IsServiceable)
        {
            return Outcome.Failed<byte[], IResult>(ApiResults.Failure(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.ServerMisconfigured, readiness.RefusalMessage));
        }

        if (!RequestBody.IsJson(context.Request))
        {
            return Outcome.Failed<byte[], IResult>(ApiResults.Failure(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, "Content-Type must be application/json"));
        }

        var body = await RequestBody.ReadAsync(context.Request, TokenEndpoint.MaximumBodyBytes, context.RequestAborted).ConfigureAwait(false);
        return body is null
            ? Outcome.Failed<byte[], IResult>(ApiResults.Failure(StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.PayloadTooLarge, $"The request body must be at most {TokenEndpoint.MaximumBodyBytes / 1024} KiB"))
            : Outcome.Of<byte[], IResult>(body);
    }

    /// <summary>Parses a body that must be one JSON object (depth 8, no repeated member); null with <paramref name="error"/> otherwise. Dispose the result.</summary>
    public static JsonDocument? ParseObject(ReadOnlySpan<byte> utf8Json, out string? error)
    {
        // Both would make GetString() throw later instead of refusing the body.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json) || InteroperableJson.HasUnpairedSurrogateEscape(utf8Json))
        {
            error = "The request body is not valid JSON";
            return null;
        }

        JsonDocument document;
        try
        {
            // A repeated member is refused rather than resolved: a gateway or log reader might take the other value.
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            error = "The request body is not valid JSON (or repeats a member name)";
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            error = "The request body must be a JSON object";
            return null;
        }

        error = null;
        return document;
    }
}
