using System.Net;
using CampaignMcp.OAuth.Clients;

namespace CampaignMcp.Tests.OAuth.Clients;

public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("140.82.112.3")]
    [InlineData("2606:4700::6810:84e5")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Public_addresses_pass(string address) => Assert.True(PublicAddress.Is(IPAddress.Parse(address)));

    [Theory]
    [InlineData("0.0.0.0")] // unspecified
    [InlineData("10.1.2.3")] // private
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.1")]
    [InlineData("127.0.0.1")] // loopback
    [InlineData("127.8.9.10")]
    [InlineData("169.254.169.254")] // link-local: cloud metadata
    [InlineData("100.64.0.1")] // CGNAT
    [InlineData("100.127.255.254")]
    [InlineData("224.0.0.1")] // multicast
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")] // reserved
    [InlineData("255.255.255.255")]
    [InlineData("198.18.0.1")] // benchmarking
    [InlineData("192.0.2.1")] // documentation
    [InlineData("::")] // unspecified
    [InlineData("::1")] // loopback
    [InlineData("fe80::1")] // link-local
    [InlineData("fc00::1")] // unique-local
    [InlineData("fd12:3456:789a::1")]
    [InlineData("ff02::1")] // multicast
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped loopback
    [InlineData("::ffff:169.254.169.254")] // IPv4-mapped link-local
    [InlineData("::ffff:10.0.0.1")] // IPv4-mapped private
    [InlineData("::127.0.0.1")] // IPv4-compatible (deprecated)
    [InlineData("64:ff9b::a00:1")] // NAT64 of 10.0.0.1
    [InlineData("2002:a00:1::1")] // 6to4 of 10.0.0.1
    [InlineData("2001:db8::1")] // documentation
    [InlineData("2001::1")] // Teredo
    public void Non_public_addresses_are_refused(string address) => Assert.False(PublicAddress.Is(IPAddress.Parse(address)));
}
