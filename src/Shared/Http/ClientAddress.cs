using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>
/// The caller's address for logs. Behind the Functions front end the socket peer is the platform's
/// proxy, so the first <c>X-Forwarded-For</c> entry is preferred when present.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            var first = forwarded.Split(',', 2)[0].Trim();
            if (first.Length is > 0 and <= 64)
            {
                return first;
            }
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
