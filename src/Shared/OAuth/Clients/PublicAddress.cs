using System.Net;
using System.Net.Sockets;

namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// Whether an address is on the public internet, for fetches a client can point anywhere (SSRF; CIMD draft §6.5,
/// https://www.ietf.org/archive/id/draft-ietf-oauth-client-id-metadata-document-00.html#section-6.5). Refuses
/// the IANA special-purpose ranges (RFC 6890 and its IPv4/IPv6 registries): private, loopback, link-local,
/// unique-local, CGNAT, multicast, unspecified, documentation, benchmarking and reserved; and the IPv6 forms that
/// carry an IPv4 address (mapped, compatible, NAT64, 6to4) by the address they carry.
/// </summary>
public static class PublicAddress
{
    public static bool Is(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return Is(address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(bytes),
            AddressFamily.InterNetworkV6 => IsPublicV6(bytes),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0 // "this network" (RFC 791), 0.0.0.0 unspecified
        || b[0] == 10 // private (RFC 1918)
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // shared address space, CGNAT (RFC 6598)
        || b[0] == 127 // loopback
        || (b[0] == 169 && b[1] == 254) // link-local (RFC 3927), cloud metadata endpoints
        || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) // private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments (RFC 6890)
        || (b[0] == 192 && b[1] == 0 && b[2] == 2) // TEST-NET-1 (RFC 5737)
        || (b[0] == 192 && b[1] == 88 && b[2] == 99) // 6to4 relay anycast (RFC 7526)
        || (b[0] == 192 && b[1] == 168) // private
        || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking (RFC 2544)
        || (b[0] == 198 && b[1] == 51 && b[2] == 100) // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113) // TEST-NET-3
        || b[0] >= 224); // multicast (224/4), reserved (240/4), broadcast

    private static bool IsPublicV6(byte[] b)
    {
        // ::/96 holds :: (unspecified), ::1 (loopback) and the deprecated IPv4-compatible form: none is a public host.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return false;
        }

        // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052): judge the IPv4 address it carries.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..16]);
        }

        // 6to4 2002::/16 (RFC 3056): the IPv4 address is in bytes 2-5.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]);
        }

        return !(
            b[0] == 0xff // multicast
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) // link-local fe80::/10
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) // site-local fec0::/10 (deprecated)
            || (b[0] & 0xfe) == 0xfc // unique-local fc00::/7
            || (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0) // discard-only 100::/64
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) // Teredo 2001::/32
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) // documentation 2001:db8::/32
            || (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xf0) == 0x00)); // documentation 3fff::/20 (RFC 9637)
    }
}
