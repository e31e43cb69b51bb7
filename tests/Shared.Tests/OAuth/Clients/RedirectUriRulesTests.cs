using CampaignMcp.OAuth.Clients;

namespace CampaignMcp.Tests.OAuth.Clients;

public sealed class RedirectUriRulesTests
{
    private static OAuthClient Client(params string[] redirectUris) =>
        new("dcr_test", "Test", redirectUris, OAuthClientSource.Registered, null, null, null);

    [Theory]
    [InlineData("https://app.example.com/callback", null)]
    [InlineData("https://app.example.com/callback?x=1", "web")]
    [InlineData("https://app.example.com/callback", "native")]
    [InlineData("http://127.0.0.1/callback", null)]
    [InlineData("http://127.0.0.1:33418/callback", "native")]
    [InlineData("http://[::1]:8080/cb", "native")]
    [InlineData("http://localhost:6274/oauth/callback", null)]
    [InlineData("com.example.app:/oauth2redirect", "native")]
    [InlineData("com.example.app:/oauth2redirect", null)]
    [InlineData("vscode.dev-app://auth/callback", null)]
    [InlineData("cursor://anysphere.cursor-mcp/oauth/callback", null)] // Cursor's, not reverse-domain
    [InlineData("cursor://anysphere.cursor-mcp/oauth/callback", "native")]
    [InlineData("myapp:/callback", null)]
    public void Acceptable_redirect_uris_have_no_problem(string redirectUri, string? applicationType) =>
        Assert.Null(RedirectUriRules.Problem(redirectUri, applicationType));

    [Theory]
    [InlineData("http://app.example.com/callback", null, "only on a loopback host")]
    [InlineData("http://192.168.1.5:8080/callback", "native", "only on a loopback host")]
    [InlineData("https://app.example.com/callback#fragment", null, "fragment")]
    [InlineData("https://user:pass@app.example.com/callback", null, "user name or password")]
    [InlineData("http://user@127.0.0.1:9/callback", "native", "user name or password")]
    [InlineData("https://*.example.com/callback", null, "wildcards")]
    [InlineData("/callback", null, "absolute")]
    [InlineData("", null, "empty")]
    [InlineData("https://app.example.com/call back", null, "spaces")]
    [InlineData("javascript:alert(1)", null, "private-use scheme")]
    [InlineData("vbscript:msgbox", null, "private-use scheme")]
    [InlineData("HTTPS://app.example.com/callback", null, "private-use scheme")]
    [InlineData("cursor://anysphere.cursor-mcp/oauth/callback", "web", "web client")]
    [InlineData("data:text/html,hi", null, "private-use scheme")]
    [InlineData("file:///etc/passwd", null, "private-use scheme")]
    [InlineData("http://127.0.0.1:9/callback", "web", "web client")]
    [InlineData("https://localhost/callback", "web", "loopback")]
    [InlineData("com.example.app:/callback", "web", "web client")]
    public void Unacceptable_redirect_uris_say_why(string redirectUri, string? applicationType, string expected)
    {
        var problem = RedirectUriRules.Problem(redirectUri, applicationType);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_overlong_redirect_uri_is_refused() =>
        Assert.Contains("longer than", RedirectUriRules.Problem("https://example.com/" + new string('a', 2100), null));

    [Theory]
    [InlineData("https://app.example.com/callback", "https://app.example.com/callback")]
    [InlineData("http://127.0.0.1/callback", "http://127.0.0.1:51234/callback")]
    [InlineData("http://127.0.0.1:3000/callback", "http://127.0.0.1:51234/callback")]
    [InlineData("http://[::1]:3000/cb?x=1", "http://[::1]:4000/cb?x=1")]
    [InlineData("http://localhost:3000/callback", "http://localhost/callback")]
    [InlineData("com.example.app:/oauth2redirect", "com.example.app:/oauth2redirect")]
    public void A_registered_redirect_matches_exactly_or_on_loopback_with_any_port(string registered, string presented) =>
        Assert.True(RedirectUriRules.Matches(Client(registered), presented));

    [Theory]
    [InlineData("https://app.example.com/callback", "https://APP.example.com/callback")] // case of host
    [InlineData("https://app.example.com/callback", "https://app.example.com/Callback")] // case of path
    [InlineData("https://app.example.com/callback", "https://app.example.com/callback/")] // path
    [InlineData("https://app.example.com/callback", "https://app.example.com/callback/../evil")] // path
    [InlineData("https://app.example.com/callback", "https://app.example.com:8443/callback")] // port, not loopback
    [InlineData("https://app.example.com/callback", "https://app.example.com/callback#x")] // fragment
    [InlineData("https://app.example.com/callback", "https://evil@app.example.com/callback")] // userinfo
    [InlineData("https://app.example.com/callback", "https://app.example.com.evil.test/callback")] // host
    [InlineData("https://app.example.com/callback", "https://app.example.com/callback?next=evil")] // query
    [InlineData("https://app.example.com/callback", "http://app.example.com/callback")] // scheme
    [InlineData("http://127.0.0.1:3000/callback", "http://127.0.0.1:4000/other")] // loopback, other path
    [InlineData("http://127.0.0.1:3000/callback", "http://localhost:3000/callback")] // loopback, other host
    [InlineData("http://127.0.0.1:3000/callback", "https://127.0.0.1:4000/callback")] // loopback, other scheme
    [InlineData("http://127.0.0.1:3000/callback", "http://evil@127.0.0.1:4000/callback")] // loopback, userinfo
    [InlineData("http://127.0.0.1:3000/callback", "http://127.0.0.1:4000/callback#x")] // loopback, fragment
    [InlineData("http://localhost:3000/callback", "http://LOCALHOST:4000/callback")] // loopback, case
    [InlineData("http://127.0.0.1:3000/callback", "http://127.0.0.1:x/callback")] // not a port
    [InlineData("com.example.app:/oauth2redirect", "com.example.app:/oauth2redirect/x")]
    [InlineData("com.example.app:/oauth2redirect", "")]
    public void Any_other_difference_does_not_match(string registered, string presented) =>
        Assert.False(RedirectUriRules.Matches(Client(registered), presented));

    [Fact]
    public void Any_one_of_several_registered_redirects_matches()
    {
        var client = Client("https://app.example.com/a", "http://127.0.0.1:1/b");
        Assert.True(RedirectUriRules.Matches(client, "https://app.example.com/a"));
        Assert.True(RedirectUriRules.Matches(client, "http://127.0.0.1:2/b"));
        Assert.False(RedirectUriRules.Matches(client, "https://app.example.com/b"));
    }
}
