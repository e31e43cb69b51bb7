using CampaignMcp.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Http;

/// <summary>Runs an <see cref="IHttpEndpoint"/>: preflight, CORS headers, 405 with <c>Allow</c>, and a 500 without details for bugs.</summary>
public sealed class HttpEndpointPipeline(CorsPolicy cors, ILogger<HttpEndpointPipeline> logger)
{
    public async Task<IResult> ExecuteAsync(IHttpEndpoint endpoint, HttpRequest request)
    {
        var context = request.HttpContext;
        if (HttpMethods.IsOptions(request.Method))
        {
            return cors.Preflight(context, endpoint.Methods);
        }

        cors.ApplyResponseHeaders(context);
        if (!endpoint.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
        {
            var allowed = string.Join(", ", endpoint.Methods.Append(HttpMethods.Options));
            context.Response.Headers.Allow = allowed;
            return endpoint.Failure(StatusCodes.Status405MethodNotAllowed, ApiErrorCodes.MethodNotAllowed, $"Method {request.Method} is not allowed here; use {allowed}");
        }

        try
        {
            return await endpoint.HandleAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's verdict on the request while the body was read: data slower than MinRequestBodyDataRate
            // (408), a body over MaxRequestBodySize (413), broken chunking (400). The caller's doing, not a bug:
            // one warning without a stack trace, and the status Kestrel chose.
            HttpLog.BadRequestBody(logger, endpoint.Surface, exception.StatusCode, exception.Message);
            return exception.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => endpoint.Failure(exception.StatusCode, ApiErrorCodes.RequestTimeout, "The request body arrived too slowly; send it without pauses"),
                StatusCodes.Status413PayloadTooLarge => endpoint.Failure(exception.StatusCode, ApiErrorCodes.PayloadTooLarge, "The request body is too large"),
                _ => endpoint.Failure(exception.StatusCode, ApiErrorCodes.InvalidRequest, "The request body could not be read"),
            };
        }
        catch (StorageUnavailableException exception)
        {
            // Not the caller's fault and not a bug: say when to come back (RFC 9110 §10.2.3).
            HttpLog.StorageUnavailable(logger, endpoint.Surface, exception.Message);
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(exception.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return endpoint.Failure(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.StorageUnavailable, "Storage is temporarily unavailable; retry after the number of seconds in Retry-After");
        }
#pragma warning disable CA1031 // The one place that turns a bug into a plain 500 instead of a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            HttpLog.UnhandledError(logger, exception, endpoint.Surface, request.Method);
            return endpoint.Failure(StatusCodes.Status500InternalServerError, ApiErrorCodes.InternalError, "An unexpected error occurred; it has been logged");
        }
    }
}
