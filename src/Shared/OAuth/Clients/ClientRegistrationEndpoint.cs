using System.Globalization;
using CampaignMcp.Http;
using CampaignMcp.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// <c>POST /api/v1/mcp/oauth/register</c>: RFC 7591 Dynamic Client Registration for public clients, kept for
/// MCP clients that predate Client ID Metadata Documents (MCP authorization 2025-11-25, "Dynamic Client
/// Registration"). Open registration (§3: no initial access token), so it is limited per caller address.
/// 201 with the client information (§3.2.1), else 400 with <c>{error, error_description}</c> (§3.2.2).
/// </summary>
public sealed class ClientRegistrationEndpoint(
    IClientRegistrationStore store,
    ClientRegistrationLimiter limiter,
    OAuthClientSettings settings,
    TimeProvider time,
    ILogger<ClientRegistrationEndpoint> logger) : IHttpEndpoint
{
    public const int MaximumBodyBytes = 16 * 1024;

    public string Surface => "oauth-register";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Post;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var address = ClientAddress.Of(context);
        if (!RequestBody.IsJson(request))
        {
            return Refuse(address, StatusCodes.Status400BadRequest, RegistrationErrorCodes.InvalidRequest, "Content-Type must be application/json (RFC 7591 §3.1).");
        }

        var body = await RequestBody.ReadAsync(request, MaximumBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Refuse(address, StatusCodes.Status413PayloadTooLarge, RegistrationErrorCodes.InvalidRequest, $"The request body must be at most {MaximumBodyBytes / 1024} KiB.");
        }

        ClientMetadata? metadata;
        ClientMetadataProblem? problem;
        using (var document = InteroperableJson.Parse(body, ClientMetadata.MaximumDepth, out var jsonProblem))
        {
            if (document is null)
            {
                return Refuse(address, StatusCodes.Status400BadRequest, RegistrationErrorCodes.InvalidClientMetadata, $"The request body {jsonProblem}.");
            }

            metadata = ClientMetadata.Read(document.RootElement, out problem, registration: true);
        }

        if (metadata is null)
        {
            return Refuse(address, StatusCodes.Status400BadRequest, problem!.Code, problem.Message);
        }

        if (await limiter.TryCountAsync(address, cancellationToken).ConfigureAwait(false) is { } retryAfter)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
            ClientsLog.RegistrationLimited(logger, address, settings.RegistrationLimit, seconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Failure(StatusCodes.Status429TooManyRequests, RegistrationErrorCodes.TemporarilyUnavailable, $"Too many client registrations from this address; retry after {seconds} seconds.");
        }

        var now = time.GetUtcNow();
        var registration = new ClientRegistration(ClientRegistrationIds.New(), metadata, now, now + OAuthClientSettings.RegistrationLifetime);
        await store.AddAsync(registration, cancellationToken).ConfigureAwait(false);
        ClientsLog.ClientRegistered(logger, registration.ClientId, metadata.ApplicationType ?? "unspecified", address);
        return TypedResults.Json(ClientRegistrationResponse.From(registration), ClientsJsonContext.Default.ClientRegistrationResponse, statusCode: StatusCodes.Status201Created);
    }

    public IResult Failure(int statusCode, string code, string message) =>
        TypedResults.Json(new RegistrationError(RegistrationCode(statusCode, code), message), ClientsJsonContext.Default.RegistrationError, statusCode: statusCode);

    private IResult Refuse(string address, int statusCode, string code, string message)
    {
        ClientsLog.RegistrationRefused(logger, address, code, message);
        return Failure(statusCode, code, message);
    }

    /// <summary>The pipeline passes the shared envelope's codes (405, 500, 503): map them to OAuth's lowercase codes.</summary>
    private static string RegistrationCode(int statusCode, string code) => code switch
    {
        _ when code.Length > 0 && char.IsAsciiLetterLower(code[0]) => code,
        _ when statusCode is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests => RegistrationErrorCodes.TemporarilyUnavailable,
        _ when statusCode >= StatusCodes.Status500InternalServerError => RegistrationErrorCodes.ServerError,
        _ => RegistrationErrorCodes.InvalidRequest,
    };
}
