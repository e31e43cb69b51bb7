using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Http;

/// <summary>
/// The caller's address for logs and the failed-attempt limit, from the one source
/// <see cref="ClientAddressSettings"/> trusts: the connection's peer by default, or a header that the proxy in
/// front of the app writes. A port (Azure front ends write <c>ip:port</c>) is dropped, so that each new
/// connection does not count as a new caller. A configured header that is missing or not an address gives the
/// peer's address: never a value the caller chose.
/// </summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext context)
    {
        var settings = context.RequestServices?.GetService<ClientAddressSettings>() ?? ClientAddressSettings.Connection;
        if (settings.Header is { } header && FromHeader(context.Request.Headers[header].ToString()) is { } forwarded)
        {
            return forwarded;
        }

        return context.Connection.RemoteIpAddress is { } peer ? Normalize(peer) : Unknown;
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

    /// <summary>The last comma-separated entry: in <c>X-Forwarded-For</c> the one the nearest proxy appended.</summary>
    private static string? FromHeader(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var last = value.AsSpan(value.LastIndexOf(',') + 1).Trim();
        return IPEndPoint.TryParse(last, out var endPoint) ? Normalize(endPoint.Address) : null;
    }

    private static string Normalize(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
