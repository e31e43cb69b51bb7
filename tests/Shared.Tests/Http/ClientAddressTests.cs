using System.Net;
using CampaignMcp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Tests.Http;

public class ClientAddressTests
{
    private static DefaultHttpContext Request(string? forwardedFor, string peer = "127.0.0.1", string? trustedHeader = "X-Forwarded-For", string header = "X-Forwarded-For")
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton(new ClientAddressSettings { Header = trustedHeader }).BuildServiceProvider(),
        };
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor is not null)
        {
            context.Request.Headers[header] = forwardedFor;
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
    public void Behind_a_trusted_proxy_the_caller_is_the_entry_it_appended_without_its_port(string? forwardedFor, string peer, string expected) =>
        Assert.Equal(expected, ClientAddress.Of(Request(forwardedFor, peer)));

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("1.2.3.4, 203.0.113.7")]
    public void By_default_a_forwarded_header_is_the_callers_word_and_ignored(string forwardedFor) =>
        Assert.Equal("10.0.0.9", ClientAddress.Of(Request(forwardedFor, "10.0.0.9", trustedHeader: null)));

    [Fact]
    public void Without_registered_settings_the_connection_is_the_source() =>
        Assert.Equal("10.0.0.9", ClientAddress.Of(new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse("10.0.0.9") } }));

    [Theory]
    [InlineData("198.51.100.4", "198.51.100.4")]
    [InlineData("garbage", "10.0.0.9")]
    [InlineData(null, "10.0.0.9")]
    public void A_configured_front_door_header_is_read_and_a_missing_or_bad_one_falls_back_to_the_connection(string? value, string expected)
    {
        var context = Request(value, "10.0.0.9", trustedHeader: "X-Azure-ClientIP", header: "X-Azure-ClientIP");
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.99";
        Assert.Equal(expected, ClientAddress.Of(context));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("unknown", "unknown")]
    public void The_attempt_limit_counts_an_ipv4_address_or_an_ipv6_slash_64(string address, string expected) =>
        Assert.Equal(expected, ClientAddress.LimitKey(address));
}
