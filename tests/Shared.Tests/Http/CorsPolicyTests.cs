using CampaignMcp.Http;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Tests.Http;

public class CorsPolicyTests
{
    private static DefaultHttpContext From(string origin)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Origin = origin;
        return context;
    }

    [Fact]
    public void An_allowed_origin_is_echoed_exactly_and_varies_by_origin()
    {
        var policy = new CorsPolicy(new CorsSettings { Origins = ["https://claude.ai"] });
        var context = From("https://claude.ai");

        policy.ApplyResponseHeaders(context);

        Assert.Equal("https://claude.ai", context.Response.Headers.AccessControlAllowOrigin.ToString());
        Assert.Equal("Origin", context.Response.Headers.Vary.ToString());
        Assert.Contains("WWW-Authenticate", context.Response.Headers.AccessControlExposeHeaders.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://claude.ai.evil.example")]
    [InlineData("https://CLAUDE.ai")]
    [InlineData("http://claude.ai")]
    public void Any_other_origin_gets_no_cors_header(string origin)
    {
        var policy = new CorsPolicy(new CorsSettings { Origins = ["https://claude.ai"] });
        var context = From(origin);

        policy.ApplyResponseHeaders(context);

        Assert.False(policy.IsAllowedOrigin(origin));
        Assert.Empty(context.Response.Headers.AccessControlAllowOrigin.ToString());
    }

    [Fact]
    public void A_wildcard_setting_answers_the_literal_wildcard()
    {
        var policy = new CorsPolicy(new CorsSettings { Origins = ["*"] });
        var context = From("https://anything.example");

        policy.ApplyResponseHeaders(context);

        Assert.Equal("*", context.Response.Headers.AccessControlAllowOrigin.ToString());
    }
}
