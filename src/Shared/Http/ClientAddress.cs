using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>
/// The caller's address for logs. Behind the Functions front end the socket peer is the platform's
/// proxy, so the last <c>X-Forwarded-For</c> entry (the one that proxy appended; earlier entries are
/// whatever the caller sent) is preferred when present.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            var last = forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
            if (last.Length is > 0 and <= 64)
            {
                return last;
            }
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
