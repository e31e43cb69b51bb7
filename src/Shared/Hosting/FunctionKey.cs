using System.Security.Cryptography;
using System.Text;
using CampaignMcp.Http;
using CampaignMcp.Tokens.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Hosting;

/// <summary>
/// The local host's stand-in for the Functions host's key check on function-level functions: the key in the
/// <c>code</c> query parameter or the <c>x-functions-key</c> header, compared in constant time
/// (https://learn.microsoft.com/azure/azure-functions/function-keys-how-to#authorization-scopes-function-level).
/// </summary>
public sealed class FunctionKey
{
    public const string QueryParameter = "code";
    public const string HeaderName = "x-functions-key";

    private readonly byte[] expected;

    public FunctionKey(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        expected = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>A fresh 256-bit key, for a local host given none.</summary>
    public static string Generate() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    public bool Admits(HttpRequest request)
    {
        var presented = request.Headers[HeaderName].ToString() is { Length: > 0 } header ? header : request.Query[QueryParameter].ToString();
        // Hashes of equal length, so the comparison time says nothing about the key.
        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expected);
    }

    public static IResult Refuse(IHttpEndpoint endpoint, HttpContext context)
    {
        context.RequestServices.GetRequiredService<AuthAudit>().AuthenticationFailed(endpoint.Surface, "function_key", null, ClientAddress.Of(context));
        return endpoint.Failure(StatusCodes.Status401Unauthorized, ApiErrorCodes.AuthenticationRequired, $"This function requires its function key in the '{QueryParameter}' query parameter or the {HeaderName} header");
    }
}
