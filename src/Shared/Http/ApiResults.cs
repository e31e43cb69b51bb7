using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>Writes the REST envelope's failures, the one shape every REST surface answers errors in.</summary>
public static class ApiResults
{
    public static IResult Failure(int statusCode, string code, string message) =>
        TypedResults.Json(new ApiFailure(new ApiError(code, message)), HttpJsonContext.Default.ApiFailure, statusCode: statusCode);
}
