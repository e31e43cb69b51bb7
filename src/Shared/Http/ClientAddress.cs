using System.Net;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>
/// The caller's address for logs and the failed-attempt limit. Behind the Functions front end the socket peer
/// is the platform's proxy, so the last <c>X-Forwarded-For</c> entry (the one that proxy appended; earlier
/// entries are whatever the caller sent) is preferred when it is an IP address. A port (Azure front ends
/// write <c>ip:port</c>) is dropped, so that each new connection does not count as a new caller.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            var last = forwarded.AsSpan(forwarded.LastIndexOf(',') + 1).Trim();
            if (IPEndPoint.TryParse(last, out var endPoint))
            {
                return Normalize(endPoint.Address);
            }
        }

        return context.Connection.RemoteIpAddress is { } peer ? Normalize(peer) : "unknown";
    }

    /// <summary>
    /// The unit the failed-attempt limit counts: an IPv4 address, or an IPv6 address's /64 (one subscriber's
    /// network hands out a whole /64, so single addresses would give an attacker endless fresh counters).
    /// </summary>
    public static string LimitKey(string address)
    {
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string Normalize(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
