using CampaignMcp.OAuth;
using CampaignMcp.Security.Tests.Support.Fuzzing;
using Xunit.Abstractions;

namespace CampaignMcp.Security.Tests.Fuzzing.Parsers;

/// <summary>The OAuth endpoints' form-body parser (RFC 6749 Appendix B).</summary>
public sealed class OAuthFormRequestFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public Task The_parser_never_throws_and_returns_a_form_or_a_reason() =>
        FuzzRun.RunAsync("oauth-form-parser", BodyInputs.FormBodies(), 20_000, body =>
        {
            var form = OAuthForm.Parse(body, out var error);
            if (form is null)
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
                return;
            }

            Assert.Null(error);
            // A parameter is either absent or one non-empty value: no repeated parameter gets through.
            Assert.True(form["grant_type"] is null or { Length: > 0 });
        }, output);
}
