using System.Net;
using CampaignMcp.Http;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Tests.Http;

public class ClientAddressTests
{
    private static DefaultHttpContext Request(string? forwardedFor, string peer = "127.0.0.1")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return context;
    }

    [Theory]
    [InlineData(null, "10.0.0.9", "10.0.0.9")]
    [InlineData("203.0.113.7", "127.0.0.1", "203.0.113.7")]
    [InlineData("203.0.113.7:53122", "127.0.0.1", "203.0.113.7")]
    [InlineData("1.2.3.4, 203.0.113.7", "127.0.0.1", "203.0.113.7")]
    [InlineData("not-an-address", "10.0.0.9", "10.0.0.9")]
    [InlineData("[2001:db8::1]:443", "127.0.0.1", "2001:db8::1")]
    [InlineData(null, "::ffff:192.0.2.1", "192.0.2.1")]
    public void The_caller_is_the_entry_the_platform_proxy_appended_without_its_port(string? forwardedFor, string peer, string expected) =>
        Assert.Equal(expected, ClientAddress.Of(Request(forwardedFor, peer)));

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("unknown", "unknown")]
    public void The_attempt_limit_counts_an_ipv4_address_or_an_ipv6_slash_64(string address, string expected) =>
        Assert.Equal(expected, ClientAddress.LimitKey(address));
}
